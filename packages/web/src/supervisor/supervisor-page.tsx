export function SupervisorPage({ tab }: { tab: string }) {
  return <h1>Supervisor: {tab}</h1>;
}
