// A minimal proxy-wasm 0.2.1 host under Node (18+), to time and profile the filter's callbacks
// for one request and its JSON answer without Envoy: Envoy passes no flags to its V8, so its
// JIT code cannot be profiled by symbol, while Node's `--cpu-prof` names every wasm function
// of a module built unstripped. Not part of any test; a measuring aid (docs/benchmarks.md).
//
//   node bench/proxy_wasm_host.mjs FILTER.wasm POLICY.json REQUEST.json [N]
//   node --cpu-prof --cpu-prof-interval 50 bench/proxy_wasm_host.mjs ...   (profile)
//
// Per request it runs what Envoy runs for a buffered chat request answered by the bench
// upstream's canned JSON: context create, request headers, the whole body, response headers,
// the whole answer, log, done, delete. Host functions keep state in plain JS objects, so their
// own cost (header-map serialization above all) is far from Envoy's: read the wasm functions'
// share of a profile, not the total.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [wasmPath, policyPath, reqPath, nStr] = process.argv.slice(2);
if (!reqPath) {
  console.error('usage: node proxy_wasm_host.mjs FILTER.wasm POLICY.json REQUEST.json [N]');
  process.exit(2);
}
const N = Number(nStr || 10000);
const policy = readFileSync(policyPath);
const reqBody = readFileSync(reqPath);
// The bench upstream's canned answer (bench/src/lib.rs, JSON_ANSWER).
const answer = Buffer.from('{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"The river was quiet this morning and the market opened late."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":12,"total_tokens":24}}');

let mem, ex;
const u8 = () => new Uint8Array(mem.buffer);
const dv = () => new DataView(mem.buffer);
const str = (p, n) => Buffer.from(mem.buffer, p, n).toString();
function give(bytes, ptrPtr, sizePtr) {
  const p = ex.proxy_on_memory_allocate(bytes.length);
  u8().set(bytes, p);
  dv().setUint32(ptrPtr, p, true);
  dv().setUint32(sizePtr, bytes.length, true);
  return 0;
}
function serializeMap(pairs) {
  const parts = [];
  let size = 4 + pairs.length * 8;
  for (const [k, v] of pairs) size += Buffer.byteLength(k) + Buffer.byteLength(v) + 2;
  const b = Buffer.alloc(size);
  b.writeUInt32LE(pairs.length, 0);
  let o = 4;
  for (const [k, v] of pairs) { b.writeUInt32LE(Buffer.byteLength(k), o); b.writeUInt32LE(Buffer.byteLength(v), o + 4); o += 8; }
  for (const [k, v] of pairs) { o += b.write(k, o); b[o++] = 0; o += b.write(v, o); b[o++] = 0; }
  return b;
}
const reqHeaders = () => [[':method', 'POST'], [':path', '/v1/chat/completions'], [':authority', 'bench'], ['content-type', 'application/json'], ['content-length', String(reqBody.length)], ['x-request-id', 'abc-123'], ['user-agent', 'wrk'], ['accept-encoding', 'gzip']];
const respHeaders = () => [[':status', '200'], ['content-type', 'application/json'], ['content-length', String(answer.length)]];
let maps = {}; let buffers = {}; const shared = new Map(); let metricId = 0; const counts = {};
const count = (k) => { counts[k] = (counts[k] || 0) + 1; };
const env = {
  proxy_log: (lvl, p, n) => { count('log'); if (lvl >= 3) console.error('log', lvl, str(p, n)); return 0; },
  proxy_get_header_map_pairs: (t, pp, sp) => { count('get_map'); return give(serializeMap(maps[t] || []), pp, sp); },
  proxy_get_header_map_value: (t, kp, kn, pp, sp) => { count('get_hdr'); const k = str(kp, kn); const e = (maps[t] || []).find(([a]) => a === k); return e ? give(Buffer.from(e[1]), pp, sp) : 1; },
  proxy_replace_header_map_value: (t, kp, kn, vp, vn) => { count('set_hdr'); const k = str(kp, kn); maps[t] = (maps[t] || []).filter(([a]) => a !== k); maps[t].push([k, str(vp, vn)]); return 0; },
  proxy_remove_header_map_value: (t, kp, kn) => { count('rm_hdr'); const k = str(kp, kn); maps[t] = (maps[t] || []).filter(([a]) => a !== k); return 0; },
  proxy_add_header_map_value: (t, kp, kn, vp, vn) => { count('add_hdr'); (maps[t] = maps[t] || []).push([str(kp, kn), str(vp, vn)]); return 0; },
  proxy_set_header_map_pairs: () => 0,
  // Sizes arrive as i32: usize::MAX ("all of it") is -1 until made unsigned.
  proxy_get_buffer_bytes: (t, start, max, pp, sp) => { count('get_buf'); const b = buffers[t]; if (!b) return 1; return give(b.subarray(start >>> 0, (start >>> 0) + (max >>> 0)), pp, sp); },
  proxy_set_buffer_bytes: (t, start, n, p, len) => { count('set_buf'); buffers[t] = Buffer.from(u8().slice(p, p + len)); return 0; },
  proxy_send_local_response: () => { count('local_response'); return 0; },
  proxy_set_tick_period_milliseconds: () => 0,
  proxy_set_property: () => 0,
  proxy_get_property: (pp, pn, rp, rs) => { count('get_prop'); const path = str(pp, pn); if (path.startsWith('plugin_name')) return give(Buffer.from('promptwall'), rp, rs); return 1; },
  proxy_get_shared_data: (kp, kn, rp, rs, cp) => { count('get_shared'); const k = str(kp, kn); const v = shared.get(k); if (!v) return 1; give(v.value, rp, rs); dv().setUint32(cp, v.cas, true); return 0; },
  proxy_set_shared_data: (kp, kn, vp, vn, cas) => { count('set_shared'); const k = str(kp, kn); const old = shared.get(k); shared.set(k, { value: Buffer.from(u8().slice(vp, vp + vn)), cas: (old ? old.cas : 0) + 1 }); return 0; },
  proxy_get_current_time_nanoseconds: (rp) => { dv().setBigUint64(rp, process.hrtime.bigint(), true); return 0; },
  proxy_define_metric: (t, np, nn, rp) => { dv().setUint32(rp, ++metricId, true); return 0; },
  proxy_increment_metric: () => { count('inc_metric'); return 0; },
  proxy_record_metric: () => { count('rec_metric'); return 0; },
  proxy_continue_stream: () => { count('continue'); return 0; },
  proxy_close_stream: () => 0, proxy_get_status: () => 1, proxy_done: () => 0,
  proxy_set_effective_context: () => 0,
  proxy_grpc_cancel: () => 0, proxy_grpc_close: () => 0, proxy_grpc_send: () => 0, proxy_grpc_stream: () => 1, proxy_grpc_call: () => 1,
  proxy_http_call: () => 1, proxy_call_foreign_function: () => 1,
  proxy_dequeue_shared_queue: () => 1, proxy_enqueue_shared_queue: () => 1, proxy_resolve_shared_queue: () => 1, proxy_register_shared_queue: () => 1,
};
// Buffer types: 0 request body, 1 response body, 6 VM configuration, 7 plugin configuration;
// header maps: 0 request headers, 2 response headers.
const wasi = new WASI({ version: 'preview1', args: [], env: {}, preopens: {} });
const module = await WebAssembly.compile(readFileSync(wasmPath));
const inst = await WebAssembly.instantiate(module, { env, wasi_snapshot_preview1: wasi.wasiImport });
ex = inst.exports; mem = ex.memory;
wasi.initialize(inst);
ex.proxy_on_context_create(1, 0);
buffers[6] = Buffer.alloc(0);
ex.proxy_on_vm_start(1, 0);
buffers[7] = policy;
if (!ex.proxy_on_configure(1, policy.length)) { console.error('configure failed'); process.exit(1); }

let ctx = 2;
function request() {
  const id = ctx++;
  maps = { 0: reqHeaders() };
  ex.proxy_on_context_create(id, 1);
  let a = ex.proxy_on_request_headers(id, maps[0].length, 0);
  buffers[0] = reqBody;
  a = ex.proxy_on_request_body(id, reqBody.length, 1);
  maps[2] = respHeaders();
  a = ex.proxy_on_response_headers(id, maps[2].length, 0);
  buffers[1] = answer;
  a = ex.proxy_on_response_body(id, answer.length, 1);
  ex.proxy_on_log(id);
  ex.proxy_on_done(id);
  ex.proxy_on_delete(id);
  return a;
}
for (let i = 0; i < 2000; i++) request(); // warm-up: V8 tiers the hot functions up
for (const k in counts) counts[k] = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) request();
const t1 = process.hrtime.bigint();
console.log(`${Number(t1 - t0) / N / 1000} us per request; hostcalls per request:`, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / N])));
