import { getDemoOpenid } from './demoIdentity';
import type { SubscribeAnswer } from './subscribe';

/**
 * h5 only: a stand-in for WeChat's subscribe sheet, as strict as WeChat. It must be called inside
 * a tap (the browser's user activation is the same rule), the local server refuses unknown ids and
 * more than 3, each template has 允许/取消, and 总是保持以上选择 answers later requests without the
 * sheet (as WeChat remembers it, per user). The choices go to the local CloudBase, which then
 * lets one message per 允许 through (`subscribeMessage.send`, else 43101).
 */

const KEEP_KEY = 'txy.subscribe.keep';
type Kept = Record<string, 'accept' | 'reject'>;

const keptOf = (openid: string): Kept => {
  try {
    return (JSON.parse(localStorage.getItem(`${KEEP_KEY}.${openid}`) ?? '{}') as Kept) ?? {};
  } catch {
    return {};
  }
};
const keep = (openid: string, answers: Kept) =>
  localStorage.setItem(`${KEEP_KEY}.${openid}`, JSON.stringify({ ...keptOf(openid), ...answers }));

class SubscribeFail extends Error {
  constructor(
    readonly errMsg: string,
    readonly errCode?: number,
  ) {
    super(errMsg);
  }
}

async function post(openid: string, tmplIds: string[], choices: Kept): Promise<Record<string, SubscribeAnswer>> {
  const res = await fetch('/api/subscribe', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ tmplIds, choices }),
  });
  const body = (await res.json()) as Record<string, string> & { errCode?: number };
  if (!res.ok) throw new SubscribeFail(body.errMsg ?? 'requestSubscribeMessage:fail', body.errCode);
  return Object.fromEntries(tmplIds.map((id) => [id, body[id] as SubscribeAnswer]));
}

export function requestSubscribe(tmplIds: string[]): Promise<Record<string, SubscribeAnswer>> {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  if (activation && !activation.isActive)
    return Promise.reject(new SubscribeFail('requestSubscribeMessage:fail can only be invoked by user TAP gesture.'));
  const openid = getDemoOpenid() ?? '';
  return (async () => {
    const kept = keptOf(openid);
    if (tmplIds.length > 0 && tmplIds.every((id) => kept[id])) return post(openid, tmplIds, kept);
    const res = await fetch(`/api/subscribe/templates?ids=${encodeURIComponent(tmplIds.join(','))}`);
    const body = (await res.json()) as {
      templates?: Array<{ id: string; title: string }>;
      errMsg?: string;
      errCode?: number;
    };
    if (!res.ok || !body.templates)
      throw new SubscribeFail(body.errMsg ?? 'requestSubscribeMessage:fail', body.errCode);
    const chosen = await showSheet(body.templates);
    const answers = await post(openid, tmplIds, chosen.choices);
    if (chosen.keep) keep(openid, chosen.choices);
    return answers;
  })();
}

// WeChat's own green (#07c160) carries white text at 2.4:1; this sheet is ours (h5 only), so a darker green (5:1, 适老化).
const STYLE = `
.txy-subscribe{position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end;font-family:inherit}
.txy-subscribe__sheet{width:100%;background:#fff;border-radius:12px 12px 0 0;padding:20px 20px 16px;box-sizing:border-box}
.txy-subscribe__app{font-size:15px;color:#333;margin-bottom:4px}
.txy-subscribe__ask{font-size:17px;font-weight:600;color:#111;margin-bottom:12px}
.txy-subscribe__row{display:flex;align-items:center;justify-content:space-between;padding:12px 0;border-top:1px solid #eee;gap:12px}
.txy-subscribe__title{font-size:16px;color:#222;flex:1}
.txy-subscribe__pick{display:flex;gap:8px}
.txy-subscribe__pick button{min-width:56px;padding:6px 10px;border-radius:6px;border:1px solid #ccc;background:#fff;color:#333;font-size:15px}
.txy-subscribe__pick button[aria-pressed=true]{border-color:#07803f;background:#07803f;color:#fff}
.txy-subscribe__pick .txy-subscribe__deny[aria-pressed=true]{border-color:#666;background:#666}
.txy-subscribe__keep{display:flex;align-items:center;gap:8px;font-size:14px;color:#555;padding:12px 0 4px;border-top:1px solid #eee}
.txy-subscribe__keep input{width:18px;height:18px}
.txy-subscribe__actions{display:flex;gap:12px;margin-top:12px}
.txy-subscribe__actions button{flex:1;height:44px;border-radius:8px;font-size:17px;border:none}
.txy-subscribe__cancel{background:#f2f2f2;color:#333}
.txy-subscribe__ok{background:#07803f;color:#fff}
`;

/** The sheet: each template with 允许/取消 (允许 preselected, as WeChat checks them), 总是保持以上选择, 取消/确定. */
function showSheet(templates: Array<{ id: string; title: string }>): Promise<{ choices: Kept; keep: boolean }> {
  if (!document.getElementById('txy-subscribe-style')) {
    const style = document.createElement('style');
    style.id = 'txy-subscribe-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
  const el = (tag: string, className: string, text?: string) => {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  return new Promise((resolve) => {
    const choices: Kept = Object.fromEntries(templates.map((t) => [t.id, 'accept']));
    const mask = el('div', 'txy-subscribe');
    mask.setAttribute('role', 'dialog');
    const sheet = el('div', 'txy-subscribe__sheet');
    sheet.append(el('div', 'txy-subscribe__app', '同心圆 申请'), el('div', 'txy-subscribe__ask', '向你发送以下消息'));
    for (const t of templates) {
      const row = el('div', 'txy-subscribe__row');
      row.dataset.templateId = t.id;
      const pick = el('div', 'txy-subscribe__pick');
      const allow = el('button', 'txy-subscribe__allow', '允许');
      const deny = el('button', 'txy-subscribe__deny', '取消');
      const show = () => {
        allow.setAttribute('aria-pressed', String(choices[t.id] === 'accept'));
        deny.setAttribute('aria-pressed', String(choices[t.id] === 'reject'));
      };
      allow.onclick = () => ((choices[t.id] = 'accept'), show());
      deny.onclick = () => ((choices[t.id] = 'reject'), show());
      show();
      pick.append(allow, deny);
      row.append(el('div', 'txy-subscribe__title', t.title), pick);
      sheet.append(row);
    }
    const keepRow = el('label', 'txy-subscribe__keep');
    const keepBox = document.createElement('input');
    keepBox.type = 'checkbox';
    keepRow.append(keepBox, document.createTextNode('总是保持以上选择，不再询问'));
    const actions = el('div', 'txy-subscribe__actions');
    const cancel = el('button', 'txy-subscribe__cancel', '取消');
    const ok = el('button', 'txy-subscribe__ok', '确定');
    const done = (all: Kept) => {
      mask.remove();
      resolve({ choices: all, keep: keepBox.checked });
    };
    cancel.onclick = () => done(Object.fromEntries(templates.map((t) => [t.id, 'reject'])));
    ok.onclick = () => done({ ...choices });
    actions.append(cancel, ok);
    sheet.append(keepRow, actions);
    mask.append(sheet);
    document.body.appendChild(mask);
  });
}
