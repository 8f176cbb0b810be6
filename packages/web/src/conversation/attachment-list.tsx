import type { Message } from '../shared/types.js';

type Attachment = NonNullable<Message['attachments']>[number];

/**
 * A file size as an agent reads it: "800 bytes", "120 KB", "2.4 MB" (1 KB = 1024 bytes, as
 * mail clients show it), so the agent can tell a screenshot from a whole report.
 */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** "invoice.pdf (120 KB, application/pdf)". */
export function describeAttachment(a: Attachment): string {
  return `${a.filename} (${fileSize(a.size)}, ${a.contentType})`;
}

/**
 * The files an email carried, on one line under its message. Only their names are kept (the
 * content is not), so the agent knows what the customer sent and can ask for it again. Names
 * come from the customer: they are rendered as text, never as HTML.
 */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <p class="msg-attachments">Attachments: {attachments.map(describeAttachment).join('; ')}</p>
  );
}
