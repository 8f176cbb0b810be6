import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANGRY,
  CALM,
  expectError,
  expectNothingSecretIn,
} from '../http/api-fixtures.test-helper.js';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';

/*
 * The team view: each person's heated conversations, de-escalations and promises.
 * Through the real HTTP handler, signed in as the people of a small team, on a clock that only
 * moves when a test moves it.
 */

describe('the team view', () => {
  // A team of its own, so its counts are its own.
  let team: TestApp;

  beforeAll(async () => {
    team = await createTestApp();
  });

  afterAll(async () => {
    await expectNothingSecretIn(team);
    await team.close();
  });

  it("shows supervisors each person's heated conversations, de-escalations and promises", async () => {
    const agentId = team.sessions.agent.user.id;
    const send = async (body: Record<string, unknown>) => {
      const res = await team.call('POST', '/api/v1/messages', { as: 'token', body });
      expect(res.status, res.text).toBe(201);
      return res.json.conversationId as string;
    };
    const reply = async (conversationId: string, text: string) => {
      const res = await team.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
        as: 'agent',
        body: { text },
      });
      expect(res.status, res.text).toBe(201);
      return res.json;
    };

    // A: furious, then calmed by the agent, who keeps their promise.
    const first = message({
      text: ANGRY,
      conversation: {
        externalId: 'team-a',
        channel: 'chat',
        subject: 'Refund for three late orders',
      },
    });
    const calmed = await send(first);
    const promised = await reply(calmed, "I'm so sorry. I'll call you back within the hour.");
    expect(promised.followUps).toHaveLength(1);
    team.clock.advance(10 * 60_000);
    await send(message({ text: CALM, contact: first.contact, conversation: first.conversation }));
    await reply(calmed, 'As promised: the refund is on its way today.');
    // B: still heated, with a promise the agent lets slip.
    const heated = await send(
      message({
        text: ANGRY,
        conversation: { externalId: 'team-b', channel: 'chat', subject: 'Broken blender' },
      }),
    );
    await reply(heated, "I'm sorry about this. I'll call you back within the hour.");
    team.clock.advance(2 * 60 * 60_000);
    await team.calmdesk.services.followUps.runClock();
    // C: heated and nobody's yet.
    const unowned = await send(
      message({
        text: ANGRY,
        conversation: { externalId: 'team-c', channel: 'email', subject: 'Parcel lost' },
      }),
    );

    expectError(await team.call('GET', '/api/v1/team', { as: 'agent' }), 403, 'forbidden');
    const res = await team.call('GET', '/api/v1/team', { as: 'supervisor' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.thresholds).toEqual({
      heatedTemperature: 60,
      upsetTemperature: 45,
      minTemperatureFall: 10,
    });
    const people = res.json.team as { user: { id: string; name: string; role: string } }[];
    // Agents and supervisors, by name; the admin is not in the team view.
    expect(people.map((p) => p.user.name)).toEqual([
      'Test agent',
      'Test agent2',
      'Test supervisor',
    ]);
    const agent = people.find((p) => p.user.id === agentId);
    expect(agent).toEqual({
      user: { id: agentId, name: 'Test agent', role: 'agent' },
      openHeated: 1,
      openHeatedConversations: [
        { id: heated, subject: 'Broken blender', temperature: expect.any(Number) },
      ],
      deEscalation: { rate: 0.5, count: 1, of: 2 },
      promises: { kept: 1, missed: 1, pending: 0 },
    });
    expect(people.find((p) => p.user.name === 'Test agent2')).toMatchObject({
      openHeated: 0,
      openHeatedConversations: [],
      deEscalation: { rate: null, count: 0, of: 0 },
      promises: { kept: 0, missed: 0, pending: 0 },
    });
    // The heated conversation nobody owns is in the team view too.
    expect(res.json.unassigned).toEqual({
      openHeated: 1,
      openHeatedConversations: [
        { id: unowned, subject: 'Parcel lost', temperature: expect.any(Number) },
      ],
    });
  });
});
