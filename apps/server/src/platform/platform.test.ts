import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, unique } from '../../test/harness';
import { loadConfig } from '../config';
import { registerErrorHandling } from './errors';

let t: TestContext;
let admin: Session;
let committee: { id: string; path: string };

beforeAll(async () => {
  t = await createTestContext();
  committee = await t.newCommittee();
  admin = await t.as('committee_admin', committee.id);
});
afterAll(() => t.close());

async function orgCount() {
  return (await admin.get(`/api/orgs?under=${committee.id}&pageSize=1`)).json().total as number;
}

describe('configuration', () => {
  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/db' })).toThrow(/DATABASE_READ_URL/);
    expect(() => loadConfig({ HANGBIAO_DEMO: 'maybe' })).toThrow(/HANGBIAO_DEMO/);
  });
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', HOST: '0.0.0.0' });
  });
});

describe('errors are problem+json and change nothing', () => {
  it('answers malformed JSON with 400 malformed_request', async () => {
    const before = await orgCount();
    const res = await admin.request('POST', '/api/orgs', '{"name": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'malformed_request', status: 400 });
    expect(await orgCount()).toBe(before);
  });

  it('answers unknown fields, over-long strings and impossible dates with 422 and field paths in Chinese', async () => {
    const before = await orgCount();
    const res = await admin.post('/api/orgs', { parentId: committee.id, name: 'x'.repeat(101), kind: 'branch', establishedOn: '2025-02-30', colour: 'red' });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.establishedOn']));
    expect(JSON.stringify(body.errors)).toMatch(/colour/);
    expect(body.errors.find((e: { path: string }) => e.path === 'body.establishedOn').message).toMatch(/日期/);
    expect(await orgCount()).toBe(before);
  });

  it('answers a body over 1 MiB with 413 and another media type with 415', async () => {
    const big = await admin.request('POST', '/api/orgs', JSON.stringify({ name: 'x'.repeat(1_100_000) }), { 'content-type': 'application/json' });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const xml = await admin.request('POST', '/api/orgs', '<org/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported_media_type');
  });

  it('answers an unknown route with 404 not_found', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('answers without a session with 401 and without the CSRF token with 403', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/orgs' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: admin.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
  });

  it('never shows a stack trace: a server fault is masked as 500 internal', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.get('/boom', async () => {
      throw new Error('connection to secret-host refused');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal', title: '服务器内部错误' });
    expect(res.body).not.toMatch(/secret-host|\.ts:\d+/);
    await app.close();
  });
});

describe('health and API documentation', () => {
  it('reports the database kind and the migration applied', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.database.kind, migration: expect.stringMatching(/^\d{4}_/) });
  });

  it('sends security headers: a content security policy, no framing, no sniffing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves OpenAPI 3.1 generated from the contracts and the browsable docs', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/orgs'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/auth/login']).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});

describe('units', () => {
  it('creates a unit, refuses a duplicate name with 409, and pages with search', async () => {
    const name = unique('市测试局');
    const created = await admin.post('/api/units', { name, type: 'government', regionLevel: 'city', regionName: '鸿雁市' });
    expect(created.statusCode, created.body).toBe(200);
    const dup = await admin.post('/api/units', { name, type: 'government', regionLevel: 'city', regionName: '鸿雁市' });
    expect(dup.statusCode).toBe(409);
    await admin.post('/api/orgs', {
      parentId: committee.id,
      name: unique('机关党委'),
      kind: 'unitCommittee',
      unitId: created.json().id,
      establishedOn: '2024-01-01',
    });
    const page = (await admin.get(`/api/units?q=${encodeURIComponent(name)}`)).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ name, orgCount: 1 });
    const missing = await admin.get(`/api/units/0195f0c4-0000-7000-8000-000000000000`);
    expect(missing.statusCode).toBe(404);
  });
});
