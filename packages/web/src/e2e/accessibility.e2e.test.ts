import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from './harness.test-helper.js';

const hasBrowser = browserAvailable();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2 A and AA rules) on the page; returns the serious and critical findings. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

describe.runIf(hasBrowser)('accessibility of the main screens (axe-core, WCAG 2.1 AA)', () => {
  const env = useDemoBrowser();

  for (const viewport of [
    { name: 'laptop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`has no serious or critical violations on a ${viewport.name}`, async () => {
      // Injecting axe needs an inline script, which the app's own policy rightly forbids.
      const context = await env.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      await page.goto(env.server.url);
      await page.getByLabel('Email').waitFor();
      found['sign-in'] = await seriousViolations(page);

      await signInAs(page, env.server.url, env.server.people.supervisor);
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      await page.locator('a.row-link').first().waitFor();
      found.inbox = await seriousViolations(page);

      const r = await page.request.get(
        `${env.server.url}/api/v1/conversations?sort=temperature&limit=1`,
      );
      const { conversations } = (await r.json()) as { conversations: { id: string }[] };
      await page.goto(`${env.server.url}/#/conversations/${conversations[0]!.id}`);
      await page.getByLabel('Reply', { exact: true }).fill("That's our policy, calm down.");
      await page.getByRole('region', { name: 'Coach' }).getByRole('listitem').first().waitFor();
      found.conversation = await seriousViolations(page);

      await page.goto(`${env.server.url}/#/follow-ups`);
      await page.getByRole('heading', { name: 'My follow-ups' }).waitFor();
      found['follow-ups'] = await seriousViolations(page);

      for (const tab of ['escalations', 'approvals', 'team']) {
        await page.goto(`${env.server.url}/#/supervisor/${tab}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        found[`supervisor ${tab}`] = await seriousViolations(page);
      }
      await context.close();
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    }, 120_000);
  }
});

if (!hasBrowser)
  describe('accessibility of the main screens (axe-core, WCAG 2.1 AA)', () => {
    it.skip('skipped: no Chromium (see the warning above)', () => undefined);
  });
