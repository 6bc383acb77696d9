import { existsSync, readFileSync, writeFileSync } from 'node:fs';

type Grants = Record<string, Record<string, number>>;

/**
 * What users accepted in `requestSubscribeMessage`, per (openid, template): each acceptance of
 * a one-time template allows one message, and `send` uses it up. Kept in `subscriptions.json`
 * in the data folder; read and written synchronously, so two sends never use one grant.
 */
export class SubscriptionGrants {
  constructor(private readonly file: string) {}

  private read(): Grants {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8') || '{}') as Grants;
  }

  private write(grants: Grants): void {
    writeFileSync(this.file, JSON.stringify(grants));
  }

  /** Records one acceptance of each template. */
  accept(openid: string, templateIds: readonly string[]): void {
    const grants = this.read();
    const mine = (grants[openid] ??= {});
    for (const id of templateIds) mine[id] = (mine[id] ?? 0) + 1;
    this.write(grants);
  }

  /** Uses up one acceptance; false when there is none (WeChat answers 43101). */
  consume(openid: string, templateId: string): boolean {
    const grants = this.read();
    const left = grants[openid]?.[templateId] ?? 0;
    if (left <= 0) return false;
    grants[openid][templateId] = left - 1;
    this.write(grants);
    return true;
  }

  /** Acceptances not yet used, per template. */
  of(openid: string): Record<string, number> {
    return Object.fromEntries(Object.entries(this.read()[openid] ?? {}).filter(([, n]) => n > 0));
  }

  clear(): void {
    this.write({});
  }
}
