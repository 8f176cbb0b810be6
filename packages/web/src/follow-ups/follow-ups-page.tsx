export function FollowUpsPage() {
  return <h1>My follow-ups</h1>;
}
