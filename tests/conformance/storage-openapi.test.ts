/**
 * Conformance: cloud storage and `cloud.openapi.*` through the real wx-server-sdk 4.0.2 —
 * upload, temporary URLs (signed, expiring), download, delete; subscribeMessage.send into the
 * outbox, msgSecCheck v2, wxacode.getUnlimited.
 */
import { localTemplateId } from '../../emulator/openapi/templates';
import { randomBytes } from 'node:crypto';
import { emulatorClock } from '../../emulator/clock';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { postJson, rejectionOf, uniqueName, wxCloud, type WxCloud } from '../helpers/sdk';

let tc: TestCloud;
let cloud: WxCloud;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  cloud = wxCloud();
});

afterAll(async () => {
  emulatorClock.reset();
  await tc.stop();
});

describe('storage', () => {
  afterEach(() => emulatorClock.reset());

  async function upload(cloudPath: string, bytes: Buffer): Promise<string> {
    const res = await cloud.uploadFile({ cloudPath, fileContent: bytes });
    return res.fileID;
  }

  async function tempUrlOf(fileID: string, maxAge?: number) {
    const res = await cloud.getTempFileURL({ fileList: [maxAge === undefined ? fileID : { fileID, maxAge }] });
    expect(res.errMsg).toBe('getTempFileURL:ok');
    expect(res.fileList).toHaveLength(1);
    return res.fileList[0];
  }

  test('uploadFile with a Buffer resolves a cloud:// fileID for the cloud path', async () => {
    const res = await cloud.uploadFile({ cloudPath: 'conformance/hello.txt', fileContent: Buffer.from('hello') });
    expect(res.errMsg).toBe('uploadFile:ok');
    expect(res.fileID).toMatch(/^cloud:\/\/local\.[^/]+\/conformance\/hello\.txt$/);
  });

  test('getTempFileURL gives a URL that fetch() downloads with the same bytes', async () => {
    const bytes = randomBytes(64 * 1024);
    const fileID = await upload(`conformance/${uniqueName('bin')}.bin`, bytes);
    const item = await tempUrlOf(fileID);
    expect(item).toMatchObject({ fileID, status: 0, errMsg: 'ok' });
    expect(item.tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(item.maxAge).toBeGreaterThan(0);
    const res = await fetch(item.tempFileURL);
    expect(res.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), bytes)).toBe(0);
  });

  test('paths with folders, spaces and Chinese characters work for fetch() and downloadFile alike', async () => {
    const bytes = Buffer.from('照片内容 ✓');
    const fileID = await upload('活动/2024 春节/合影 1.jpg', bytes);
    expect(fileID.endsWith('/活动/2024 春节/合影 1.jpg')).toBe(true);
    const item = await tempUrlOf(fileID);
    expect(Buffer.compare(Buffer.from(await (await fetch(item.tempFileURL)).arrayBuffer()), bytes)).toBe(0);
    const download = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(download.fileContent, bytes)).toBe(0);
  });

  test('downloadFile resolves the bytes as a Buffer', async () => {
    const bytes = randomBytes(1000);
    const fileID = await upload('conformance/dl/data.bin', bytes);
    const res = await cloud.downloadFile({ fileID });
    expect(res.errMsg).toBe('downloadFile:ok');
    expect(res.statusCode).toBe(200);
    expect(Buffer.isBuffer(res.fileContent)).toBe(true);
    expect(Buffer.compare(res.fileContent, bytes)).toBe(0);
  });

  test('uploading to the same path again replaces the content', async () => {
    const fileID = await upload('conformance/replace.txt', Buffer.from('v1'));
    expect(await upload('conformance/replace.txt', Buffer.from('v2'))).toBe(fileID);
    expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toBe('v2');
  });

  test('deleteFile removes the file: getTempFileURL then reports -503003 and downloadFile rejects', async () => {
    const fileID = await upload('conformance/delete-me.txt', Buffer.from('bye'));
    const deleted = await cloud.deleteFile({ fileList: [fileID] });
    expect(deleted).toEqual({ fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'deleteFile:ok' });

    const item = await tempUrlOf(fileID);
    expect(item).toMatchObject({ fileID, status: -503003, tempFileURL: '' });

    const err = await rejectionOf(cloud.downloadFile({ fileID }));
    expect(err.errCode).toBe(-1);
    expect(err.errMsg).toMatch(/^downloadFile:fail .*not exist/);

    const again = await cloud.deleteFile({ fileList: [fileID] });
    expect(again.fileList[0].status).toBe(-503003);
  });

  test('getTempFileURL answers per file, in order, for a mixed list', async () => {
    const present = await upload('conformance/mixed.txt', Buffer.from('x'));
    const missing = present.replace('mixed.txt', 'never-uploaded.txt');
    const res = await cloud.getTempFileURL({ fileList: [missing, present, 'cloud://other-env.bucket/x.txt'] });
    expect(res.fileList.map((f: { fileID: string; status: number }) => [f.fileID, f.status])).toEqual([
      [missing, -503003],
      [present, 0],
      ['cloud://other-env.bucket/x.txt', -503003],
    ]);
  });

  test('a tampered temp URL is refused with 403', async () => {
    const secret = await upload('conformance/secret.txt', Buffer.from('secret'));
    const other = await upload('conformance/other.txt', Buffer.from('other'));
    const url = new URL((await tempUrlOf(secret)).tempFileURL);

    const badSign = new URL(url);
    const sign = url.searchParams.get('sign')!;
    badSign.searchParams.set('sign', (sign[0] === 'a' ? 'b' : 'a') + sign.slice(1));
    expect((await fetch(badSign)).status).toBe(403);

    const laterExpiry = new URL(url);
    laterExpiry.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600));
    expect((await fetch(laterExpiry)).status).toBe(403);

    const noSign = new URL(url);
    noSign.search = '';
    expect((await fetch(noSign)).status).toBe(403);

    // the signature of one file does not open another
    const otherUrl = new URL((await tempUrlOf(other)).tempFileURL);
    otherUrl.search = url.search;
    expect((await fetch(otherUrl)).status).toBe(403);

    expect((await fetch(url)).status).toBe(200);
  });

  test('a temp URL stops working once its maxAge has passed on the emulator clock', async () => {
    const fileID = await upload('conformance/expiring.txt', Buffer.from('soon gone'));
    const item = await tempUrlOf(fileID, 60);
    expect(item.maxAge).toBe(60);
    expect((await fetch(item.tempFileURL)).status).toBe(200);
    await postJson(`${tc.url}/dev/clock`, { advanceMs: 120_000 });
    expect((await fetch(item.tempFileURL)).status).toBe(403);
    // a fresh URL works again
    expect((await fetch((await tempUrlOf(fileID)).tempFileURL)).status).toBe(200);
  });
});

describe('openapi', () => {
  test('subscribeMessage.send with the user’s acceptance resolves errCode 0 and the message lands in the outbox', async () => {
    const touser = uniqueName('openid');
    const templateId = localTemplateId('wishClaimed');
    const data = {
      thing1: { value: '楼道灯坏了' },
      name2: { value: '陈志远' },
      time3: { value: '2024年1月1日 10:00' },
    };
    tc.cloud.subscriptions.accept(touser, [templateId]);
    const res = await cloud.openapi.subscribeMessage.send({
      touser,
      templateId,
      page: 'pages/index/index?id=1',
      data,
      miniprogramState: 'developer',
    });
    expect(res.errCode).toBe(0);
    expect(res.errMsg).toBe('openapi.subscribeMessage.send:ok');

    const outbox = await fetch(`${tc.url}/dev/outbox?touser=${touser}`);
    expect(outbox.status).toBe(200);
    const { messages } = await outbox.json();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      touser,
      templateId,
      page: 'pages/index/index?id=1',
      data,
      miniprogramState: 'developer',
      status: 'delivered',
      errcode: 0,
    });
    expect(tc.cloud.outbox.all({ touser })).toEqual(messages);
    expect(tc.cloud.outbox.all().some((m) => m.touser === touser)).toBe(true);

    // The acceptance is used up: the same message again is refused with 43101, kept as refused.
    const again = await rejectionOf(cloud.openapi.subscribeMessage.send({ touser, templateId, data }));
    expect(again.errCode).toBe(43101);
    expect(tc.cloud.outbox.all({ touser, status: 'refused' })).toMatchObject([{ errcode: 43101 }]);
  });

  test('subscribeMessage.send without a template rejects with a WeChat errCode and sends nothing', async () => {
    const touser = uniqueName('openid');
    const err = await rejectionOf(cloud.openapi.subscribeMessage.send({ touser, data: { thing1: { value: 'x' } } }));
    expect(err.errCode).toBe(40037);
    expect(tc.cloud.outbox.all({ touser })).toEqual([]);
  });

  test('msgSecCheck v2 passes normal text', async () => {
    const res = await cloud.openapi.security.msgSecCheck({
      content: '今天社区开展了义诊活动，欢迎大家参加',
      version: 2,
      scene: 2,
      openid: 'o-user',
    });
    expect(res.errCode).toBe(0);
    expect(res.errMsg).toBe('openapi.security.msgSecCheck:ok');
    expect(res.result.suggest).toBe('pass');
  });

  test('msgSecCheck v2 flags text containing a listed word as risky', async () => {
    const res = await cloud.openapi.security.msgSecCheck({
      content: '这里有违禁测试词出现',
      version: 2,
      scene: 2,
      openid: 'o-user',
    });
    expect(res.errCode).toBe(0);
    expect(res.result.suggest).toBe('risky');
    expect(res.result.label).not.toBe(100);
  });

  test('msgSecCheck without version 2, or with a scene outside 1-4, rejects with errCode 40097', async () => {
    expect(
      (await rejectionOf(cloud.openapi.security.msgSecCheck({ content: 'hi', scene: 2, openid: 'o-user' }))).errCode,
    ).toBe(40097);
    expect(
      (await rejectionOf(cloud.openapi.security.msgSecCheck({ content: 'hi', version: 2, scene: 9, openid: 'o-user' })))
        .errCode,
    ).toBe(40097);
  });

  test('wxacode.getUnlimited resolves a PNG image as a Buffer', async () => {
    const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/index/index' });
    expect(res.errCode).toBe(0);
    expect(res.contentType).toBe('image/png');
    expect(Buffer.isBuffer(res.buffer)).toBe(true);
    expect(res.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(res.buffer.length).toBeGreaterThan(100);
  });

  test("an API the local CloudBase does not offer rejects with WeChat's permission-denied errorCode", async () => {
    const err = await rejectionOf(
      cloud.openapi.customerServiceMessage.send({ touser: 'o-user', msgtype: 'text', text: { content: 'hi' } }),
    );
    expect(err.errCode).toBe(-601004);
  });

  test('wxacode.getUnlimited with a scene over 32 characters rejects', async () => {
    const err = await rejectionOf(
      cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33), page: 'pages/index/index' }),
    );
    expect(err.errCode).toBe(40169);
  });
});
