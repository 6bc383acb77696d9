import Busboy from 'busboy';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import QRCode from 'qrcode';
import type { LocalCloud } from '../local-cloud';
import { emulatorClock } from '../clock';
import { keywordProblem } from './keyword-rules';
import { decodeRequest, encodeBinaryReply, encodeJsonReply, encodeSystemError } from './messages';
import { templateById } from './templates';

/** errorCode WeChat answers for an API the environment may not call. */
const API_PERMISSION_DENIED = -601004;

type Params = Record<string, unknown>;
type ApiResult = { json: Record<string, unknown> } | { binary: Buffer; contentType: string };

const WORDS = readFileSync(path.join(__dirname, 'sensitive-words.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** A parsed multipart admin request: text fields, file parts (bytes), and the first name sent twice. */
export interface AdminForm {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
  duplicate?: string;
}

/**
 * `cloud.openapi.*` calls: multipart with `apiName` and a protobuf `requestData`; the reply is a
 * protobuf CommOpenApiResp carrying WeChat's JSON (or an image for wxacode). The form is read
 * (readForm) and its signature checked by the admin endpoint first.
 */
export async function handleOpenApi(
  cloud: LocalCloud,
  form: AdminForm,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const apiName = form.fields.apiName ?? '';
  const requestData = form.files.requestData;
  cloud.store.counters.set(`openapi.${apiName}`, (cloud.store.counters.get(`openapi.${apiName}`) ?? 0) + 1);
  const reply = (buf: Buffer) => {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': buf.length,
      'x-request-id': requestId,
    });
    res.end(buf);
  };
  if (form.fields.action !== 'wx.openApi' || !requestData) return reply(encodeSystemError(API_PERMISSION_DENIED));
  const api = APIS[apiName];
  if (!api) {
    cloud.log(`[openapi] unsupported api ${apiName}`);
    return reply(encodeSystemError(API_PERMISSION_DENIED));
  }
  const result = await api(cloud, decodeRequest(requestData));
  reply('json' in result ? encodeJsonReply(result.json) : encodeBinaryReply(result.binary, result.contentType));
}

const fail = (errcode: number, errmsg: string): ApiResult => ({ json: { errcode, errmsg } });

const APIS: Record<string, (cloud: LocalCloud, p: Params) => Promise<ApiResult>> = {
  /**
   * As WeChat: the template must be one of the environment's (40037), every keyword of the
   * template must be given and valid for its type (47003), and the user must hold an unused
   * acceptance of the template (43101). Refused sends are kept in the outbox with the reason.
   */
  'subscribeMessage.send': async (cloud, p) => {
    if (typeof p.touser !== 'string' || !p.touser) return fail(40003, 'invalid openid');
    if (typeof p.template_id !== 'string' || !p.template_id) return fail(40037, 'invalid template_id');
    const template = templateById(p.template_id);
    if (!template) return fail(40037, 'invalid template_id');
    const data = (p.data && typeof p.data === 'object' ? p.data : {}) as Record<string, { value?: unknown }>;
    const message = {
      touser: p.touser,
      templateId: p.template_id,
      page: typeof p.page === 'string' ? p.page : undefined,
      data: data as Record<string, { value: string }>,
      miniprogramState: typeof p.miniprogram_state === 'string' ? p.miniprogram_state : 'formal',
      sentAt: new Date(emulatorClock.nowMs()).toISOString(),
    };
    const refuse = (errcode: number, errmsg: string): ApiResult => {
      cloud.outbox.add({ ...message, status: 'refused', errcode, reason: errmsg });
      return fail(errcode, errmsg);
    };
    const keywords = template.spec.keywords;
    for (const name of Object.keys(data)) {
      if (!Object.prototype.hasOwnProperty.call(keywords, name))
        return refuse(47003, `argument invalid! data.${name} is not a keyword of the template`);
    }
    for (const [name, k] of Object.entries(keywords)) {
      const value = data[name]?.value;
      if (typeof value !== 'string') return refuse(47003, `argument invalid! data.${name}.value is empty`);
      const problem = keywordProblem(k.type, value);
      if (problem) return refuse(47003, `argument invalid! data.${name}.value ${problem} (${k.type})`);
    }
    if (!cloud.subscriptions.consume(p.touser, p.template_id)) return refuse(43101, 'user refuse to accept the msg');
    const msg = cloud.outbox.add({ ...message, status: 'delivered', errcode: 0 });
    return { json: { errcode: 0, errmsg: 'ok', msgid: msg.id } };
  },

  'security.msgSecCheck': async (_cloud, p) => {
    if (p.version !== 2) return fail(40097, 'invalid args: version must be 2');
    if (typeof p.openid !== 'string' || !p.openid) return fail(40003, 'invalid openid');
    if (typeof p.scene !== 'number' || ![1, 2, 3, 4].includes(p.scene))
      return fail(40097, 'invalid args: scene must be 1-4');
    if (typeof p.content !== 'string') return fail(40097, 'invalid args: content');
    if ([...p.content].length > 2500) return fail(47001, 'data format error: content over 2500 characters');
    const text = [p.content, p.title, p.nickname, p.signature]
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    const hit = WORDS.find((w) => text.includes(w));
    const suggest = hit ? 'risky' : 'pass';
    const label = hit ? 20006 : 100;
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(hit ? { keyword: hit, level: 90 } : {}) }],
        trace_id: `local-${Date.now().toString(36)}`,
      },
    };
  },

  /** The local stand-in: a code `local-phone-<11 digits>` (what the h5 build and tests send) yields that number. */
  'phonenumber.getPhoneNumber': async (_cloud, p) => {
    const m = typeof p.code === 'string' ? /^local-phone-(1[3-9]\d{9})$/.exec(p.code) : null;
    if (!m) return fail(40029, 'invalid code');
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: m[1],
          purePhoneNumber: m[1],
          countryCode: '86',
          watermark: { timestamp: Math.floor(emulatorClock.nowMs() / 1000), appid: 'wx-local-app' },
        },
      },
    };
  },

  'wxacode.getUnlimited': async (_cloud, p) => {
    if (typeof p.scene !== 'string' || p.scene.length === 0 || p.scene.length > 32)
      return fail(40169, 'invalid length for scene');
    const page = typeof p.page === 'string' ? p.page : '';
    const width = typeof p.width === 'number' ? Math.min(1280, Math.max(280, p.width)) : 430;
    const binary = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(p.scene)}`, {
      type: 'png',
      width,
      margin: 2,
    });
    return { binary, contentType: 'image/png' };
  },
};

export function readForm(req: IncomingMessage): Promise<AdminForm> {
  return new Promise((resolve, reject) => {
    const form: AdminForm = { fields: {}, files: {} };
    const seen = (name: string) => {
      if (name in form.fields || name in form.files) form.duplicate ??= name;
    };
    // busboy hands application/octet-stream parts (requestData) over as files: bytes, not text.
    const bb = Busboy({ headers: req.headers, limits: { fileSize: 10 * 1024 * 1024 } });
    bb.on('field', (name, value) => {
      seen(name);
      form.fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      seen(name);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => (form.files[name] = Buffer.concat(chunks)));
    });
    bb.on('close', () => resolve(form));
    bb.on('error', reject);
    req.pipe(bb);
  });
}
