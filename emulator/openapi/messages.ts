import protobuf from 'protobufjs';

/**
 * The two protobuf messages wx-server-sdk 4.0.2 uses for `cloud.openapi.*` calls (field numbers
 * as in the SDK's generated code): the request's `requestData` form field is a CommApiData, the
 * reply body a CommOpenApiResp.
 */
const root = protobuf.parse(`
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6; }
`).root;

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** The call's parameters: each pair's value is JSON (snake_case keys), media pairs raw bytes. */
export function decodeRequest(bytes: Buffer): Record<string, unknown> {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    openapiData?: { pairs?: Array<{ key: string; value: Uint8Array; filename?: string }> };
  };
  const params: Record<string, unknown> = {};
  for (const p of msg.openapiData?.pairs ?? []) {
    const buf = Buffer.from(p.value);
    if (p.filename) params[p.key] = buf;
    else {
      try {
        params[p.key] = JSON.parse(buf.toString('utf8'));
      } catch {
        params[p.key] = buf.toString('utf8');
      }
    }
  }
  return params;
}

export function encodeJsonReply(json: unknown): Buffer {
  return encode({ respData: Buffer.from(JSON.stringify(json)), contentType: 'application/json', httpCode: 200 });
}

export function encodeBinaryReply(bytes: Buffer, contentType: string): Buffer {
  return encode({ respData: bytes, contentType, httpCode: 200 });
}

export function encodeSystemError(errorCode: number): Buffer {
  return encode({ errorCode, httpCode: 200 });
}

function encode(fields: Record<string, unknown>): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create(fields)).finish());
}
