import { existsSync, readFileSync, writeFileSync } from 'node:fs';

type Grants = Map<string, Map<string, number>>;

/**
 * What users accepted in `requestSubscribeMessage`, per (openid, template): each acceptance of
 * a one-time template allows one message, and `send` uses it up. Kept in `subscriptions.json`
 * in the data folder; read and written synchronously, so two sends never use one grant.
 */
export class SubscriptionGrants {
  constructor(private readonly file: string) {}

  /** Maps, not plain objects: an openid or template id such as `__proto__` stays a key like any other. */
  private read(): Grants {
    if (!existsSync(this.file)) return new Map();
    const raw = JSON.parse(readFileSync(this.file, 'utf8') || '{}') as Record<string, Record<string, number>>;
    return new Map(Object.entries(raw).map(([openid, per]) => [openid, new Map(Object.entries(per))]));
  }

  private write(grants: Grants): void {
    const plain = Object.fromEntries([...grants].map(([openid, per]) => [openid, Object.fromEntries(per)]));
    writeFileSync(this.file, JSON.stringify(plain));
  }

  /** Records one acceptance of each template. */
  accept(openid: string, templateIds: readonly string[]): void {
    const grants = this.read();
    const mine = grants.get(openid) ?? new Map<string, number>();
    grants.set(openid, mine);
    for (const id of templateIds) mine.set(id, (mine.get(id) ?? 0) + 1);
    this.write(grants);
  }

  /** Uses up one acceptance; false when there is none (WeChat answers 43101). */
  consume(openid: string, templateId: string): boolean {
    const grants = this.read();
    const left = grants.get(openid)?.get(templateId) ?? 0;
    if (left <= 0) return false;
    grants.get(openid)!.set(templateId, left - 1);
    this.write(grants);
    return true;
  }

  /** Acceptances not yet used, per template. */
  of(openid: string): Record<string, number> {
    return Object.fromEntries([...(this.read().get(openid) ?? new Map<string, number>())].filter(([, n]) => n > 0));
  }

  clear(): void {
    this.write(new Map());
  }
}
