import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Defence in depth: the services refuse the sensitive actions to a role short of the one the
 * routes need, so a route that forgets its access rule (or a new caller of the service) cannot
 * let an agent make an admin, change an account, or decide an offer or an escalation. The
 * services are called directly here, as such a route would.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

const user = (who: 'agent' | 'supervisor' | 'admin') => t.sessions[who].user;
const unknownId = () => crypto.randomUUID();

describe('services check roles of their own', () => {
  it('only an admin adds a person: an agent or a supervisor making an admin is refused', async () => {
    const { people } = t.calmdesk.services;
    const before = (await people.listUsers()).length;
    for (const who of ['agent', 'supervisor'] as const) {
      const input = { email: `by-${who}@example.com`, name: 'Eve', role: 'admin' as const };
      await expect(
        people.createUser({ ...input, password: PASSWORD }, user(who)),
      ).rejects.toMatchObject({
        code: 'forbidden',
        message: `Adding a person to the team needs the admin role or above; you are ${who}.`,
      });
    }
    expect((await people.listUsers()).length).toBe(before);
    const made = await people.createUser(
      { email: 'by-admin@example.com', name: 'Ada', role: 'agent', password: PASSWORD },
      user('admin'),
    );
    expect(made.role).toBe('agent');
    expect((await people.listUsers()).length).toBe(before + 1);
  });

  it('only an admin changes a role or an account', async () => {
    const { people } = t.calmdesk.services;
    for (const who of ['agent', 'supervisor'] as const) {
      await expect(
        people.updateUser(user(who).id, { role: 'admin' }, user(who)),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    const me = (await people.listUsers()).find((u) => u.id === user('agent').id);
    expect(me).toBeDefined();
    expect(me!.role).toBe('agent');
    // An admin passes the check and reaches the lookup: an unknown person is simply not found.
    await expect(people.updateUser(unknownId(), { disabled: true }, user('admin'))).resolves.toBe(
      undefined,
    );
  });

  it('only a supervisor or an admin decides a goodwill offer, before anything is looked up', async () => {
    const { goodwill } = t.calmdesk.services;
    await expect(
      goodwill.decideGoodwill(unknownId(), true, undefined, user('agent')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    for (const who of ['supervisor', 'admin'] as const) {
      await expect(
        goodwill.decideGoodwill(unknownId(), true, undefined, user(who)),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('only a supervisor or an admin decides an escalation, before anything is looked up', async () => {
    const { escalations } = t.calmdesk.services;
    for (const action of ['accept', 'return', 'resolve'] as const) {
      await expect(
        escalations.decideEscalation(unknownId(), action, undefined, user('agent')),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        escalations.decideEscalation(unknownId(), action, undefined, user('supervisor')),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
  });
});
