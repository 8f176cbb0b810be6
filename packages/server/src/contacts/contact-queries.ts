import { newId } from '../ids.js';
import type { ContactRow } from '../storage/rows.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';

/** Contacts: the customers. */
export interface ContactQueries {
  /** Finds the contact with this external id or creates it; fills a missing name or email. */
  upsertContact(
    contact: Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string },
  ): Promise<ContactRow>;
  /** `upsertContact` for many at once, in few statements; rows come back in no set order. */
  upsertContacts(
    contacts: readonly (Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string })[],
  ): Promise<ContactRow[]>;
  getContact(id: string): Promise<ContactRow | undefined>;
  /** The contacts with these ids, in one read (for naming the customers of an inbox page). */
  getContacts(ids: readonly string[]): Promise<ContactRow[]>;
  updateContactProfile(id: string, profile: string, now: string): Promise<void>;
}

/** `ContactQueries` in SQL, written once for both drivers. */
export class SqlContactQueries extends SqlQueries implements ContactQueries {
  async upsertContact(
    contact: Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string },
  ): Promise<ContactRow> {
    const [row] = await this.upsertContacts([contact]);
    if (row === undefined) throw new Error(`contact ${contact.externalId} was not upserted`);
    return row;
  }

  async upsertContacts(
    contacts: readonly (Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string })[],
  ): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < contacts.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .insertInto('contacts')
        .values(
          contacts.slice(i, i + CHUNK_ROWS).map((c) => ({
            id: newId(),
            externalId: c.externalId,
            name: c.name,
            email: c.email,
            profile: '{}',
            createdAt: c.now,
            updatedAt: c.now,
          })),
        )
        .onConflict((oc) =>
          oc.column('externalId').doUpdateSet((eb) => ({
            name: eb.fn.coalesce('contacts.name', 'excluded.name'),
            email: eb.fn.coalesce('contacts.email', 'excluded.email'),
          })),
        )
        .returningAll()
        .execute();
      out.push(...rows);
    }
    return out;
  }

  async getContacts(ids: readonly string[]): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK_ROWS) {
      out.push(
        ...(await this.db
          .selectFrom('contacts')
          .selectAll()
          .where('id', 'in', ids.slice(i, i + CHUNK_ROWS))
          .execute()),
      );
    }
    return out;
  }

  getContact(id: string): Promise<ContactRow | undefined> {
    return this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateContactProfile(id: string, profile: string, now: string): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ profile, updatedAt: now })
      .where('id', '=', id)
      .execute();
  }
}
