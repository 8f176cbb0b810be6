export function ConversationPage({ id }: { id: string }) {
  return <h1>Conversation {id}</h1>;
}
