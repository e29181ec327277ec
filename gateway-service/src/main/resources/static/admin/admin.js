// The operator console: a plain script over the admin API (/admin/v1), no build step. The operator token lives
// in this tab's session storage. Everything a support token may not do is hidden for it (and refused by the API).
'use strict';

const TOKEN_STORAGE = 'i2v.operatorToken';
const $ = (id) => document.getElementById(id);
const state = { token: null, operator: null, plans: [], auditCursor: null, account: null, job: null };

// ---------- API calls ----------

class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.code) || '';
  }
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', `Bearer ${state.token}`);
  if (options.body) {
    headers.set('Content-Type', 'application/json');
  }
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new Problem(0, { detail: 'The service could not be reached.' });
  }
  if (response.status === 401) {
    signOut('The token was not accepted. Sign in again.');
    throw new Problem(401, { code: 'unauthenticated' });
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Problem(response.status, body);
  }
  return body;
}

const get = (path) => api(path);
const send = (method, path, body) => api(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

// ---------- small DOM helpers ----------

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function row(cells, attrs = {}) {
  const tr = el('tr', null, attrs);
  cells.forEach((cell) => {
    const td = el('td');
    if (cell instanceof Node) {
      td.append(cell);
    } else {
      td.textContent = cell === null || cell === undefined ? '–' : String(cell);
    }
    tr.append(td);
  });
  return tr;
}

function fill(tableId, rows) {
  const body = $(tableId).querySelector('tbody');
  body.replaceChildren(...rows);
}

function button(text, onClick, cls = 'small') {
  const b = el('button', text, { type: 'button', class: cls + ' changes' });
  b.addEventListener('click', onClick);
  return b;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

function say(message, ok = false) {
  const m = $('console-message');
  m.textContent = message;
  m.classList.toggle('ok', ok);
}

/** Runs an action; a refusal is shown in words instead of thrown. */
async function attempt(action, success) {
  try {
    const result = await action();
    if (success) {
      say(success, true);
    }
    return result;
  } catch (p) {
    if (p.status !== 401) {
      say(`${p.message}${p.code ? ` (${p.code})` : ''}`);
    }
    return null;
  }
}

// ---------- sign-in ----------

async function signIn(token) {
  state.token = token;
  try {
    state.operator = await get('/admin/v1/me');
  } catch (p) {
    state.token = null;
    $('sign-in-message').textContent = p.status === 401 ? 'That token was not accepted.' : p.message;
    return;
  }
  sessionStorage.setItem(TOKEN_STORAGE, token);
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  $('operator').hidden = false;
  $('operator').textContent = `${state.operator.name} (${state.operator.role})`;
  document.body.classList.toggle('read-only', state.operator.role !== 'admin');
  show('overview');
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_STORAGE);
  state.token = null;
  $('token').value = '';
  $('console').hidden = true;
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  $('operator').hidden = true;
  $('sign-in-message').textContent = message || '';
}

/** Hides what the operator's role may not do; the API refuses it anyway. */
function applyRole() {
  const readOnly = state.operator && state.operator.role !== 'admin';
  document.querySelectorAll('.changes').forEach((node) => { node.hidden = readOnly; });
}

// ---------- tabs ----------

const loaders = {
  overview: loadOverview, accounts: loadPlanChoices, jobs: () => null, plans: loadPlans, prices: loadPrices,
  models: loadModels, pauses: loadPauses, audit: () => loadAudit(true),
};

function show(tab) {
  document.querySelectorAll('.tabs button').forEach((b) => {
    if (b.dataset.tab === tab) {
      b.setAttribute('aria-current', 'page');
    } else {
      b.removeAttribute('aria-current');
    }
  });
  document.querySelectorAll('section.tab').forEach((s) => { s.hidden = s.id !== `tab-${tab}`; });
  say('');
  applyRole();
  return loaders[tab]();
}

// ---------- overview ----------

// live while it is shown: re-read every few seconds, never while another tab or no operator is on screen
const OVERVIEW_EVERY_MS = 5000;

function limit(value) {
  return value === null || value === undefined ? 'no limit' : value;
}

setInterval(() => {
  if (state.token && !$('tab-overview').hidden && !document.hidden) {
    loadOverview();
  }
}, OVERVIEW_EVERY_MS);

async function loadOverview() {
  const [overview, pauses, running] = await Promise.all([attempt(() => get('/admin/v1/overview')),
    attempt(() => get('/admin/v1/pauses')), attempt(() => get('/admin/v1/jobs?status=running&limit=20'))]);
  if (running) {
    fill('running-table', running.data.length ? running.data.map((j) => {
      const open = button(j.id, () => { show('jobs'); openJob(j.id); }, 'link');
      open.classList.remove('changes');
      return row([open, j.model, j.lane, `${j.progress}%`, when(j.started_at)], { 'data-id': j.id });
    }) : [row(['no job is running'])]);
  }
  if (overview) {
    fill('lane-table', overview.lanes.map((l) => row([l.lane, l.waiting, l.admitted, l.running], { 'data-lane': l.lane })));
    fill('model-table', overview.models.map((m) => row([m.model, m.queued, m.running, m.recent_succeeded,
      m.recent_failed, m.recent_error_code || '–'], { 'data-model': m.model, 'data-failing': m.recent_failed > 0 })));
    fill('route-table', overview.routes.length ? overview.routes.map((r) => row([r.route,
      `${r.open_tasks} / ${limit(r.max_concurrent)}`, `${r.creates_last_minute} / ${limit(r.creates_per_minute)}`,
      r.paused ? 'paused' : 'open'], { 'data-route': r.route })) : [row(['no provider route has a budget or traffic'])]);
    $('overview-at').textContent = `as of ${new Date().toLocaleTimeString()}, every ${OVERVIEW_EVERY_MS / 1000} s`;
  }
  if (pauses) {
    $('overview-pauses').replaceChildren(...(pauses.data.length ? pauses.data.map((p) =>
      el('li', `${p.kind} ${p.name}: ${p.mode === 'refuse' ? 'refusing' : 'queueing'} new submits — ${p.reason || 'no reason given'}`))
      : [el('li', 'none')]));
  }
}

// ---------- accounts ----------

async function loadPlanChoices() {
  const plans = await attempt(() => get('/admin/v1/plans'));
  if (plans) {
    state.plans = plans.data;
    $('account-new-plan').replaceChildren(...plans.data.filter((p) => !p.retired_at)
      .map((p) => el('option', p.code, { value: p.code })));
  }
}

async function findAccounts(event) {
  event.preventDefault();
  const by = $('account-by').value;
  const query = $('account-query').value.trim();
  if (!query) {
    say('Type what to search for.');
    return;
  }
  if (by === 'id') {
    await openAccount(query);
    return;
  }
  const found = await attempt(() => get(`/admin/v1/accounts?${by}=${encodeURIComponent(query)}`));
  if (!found) {
    return;
  }
  $('account-matches').replaceChildren(...(found.account_ids.length ? found.account_ids.map((id) => {
    const li = el('li');
    li.append(button(id, () => openAccount(id), 'link'));
    li.firstChild.classList.remove('changes');
    return li;
  }) : [el('li', 'No account matches.')]));
  if (found.account_ids.length === 1) {
    await openAccount(found.account_ids[0]);
  }
}

async function openAccount(id) {
  const [account, keys, usage] = await Promise.all([attempt(() => get(`/admin/v1/accounts/${encodeURIComponent(id)}`)),
    attempt(() => get(`/admin/v1/accounts/${encodeURIComponent(id)}/keys`)),
    attempt(() => get(`/admin/v1/accounts/${encodeURIComponent(id)}/usage`))]);
  if (!account) {
    return;
  }
  state.account = account;
  $('account-detail').hidden = false;
  $('account-id').textContent = account.account_id;
  $('account-plan').textContent = account.plan + (account.watermark ? ' (watermarked)' : '');
  $('account-balance').textContent = `${account.balance.toLocaleString()} points`;
  $('account-concurrency').textContent = `${account.concurrency.active} / ${account.concurrency.limit}`;
  $('account-grants').replaceChildren(...account.grants.map((g) =>
    el('li', `${g.kind}: ${g.remaining} left${g.expires_at ? `, expires ${when(g.expires_at)}` : ''}`)));
  if (usage) {
    fill('account-usage', usage.days.map((d) => row([d.day, d.jobs, d.succeeded, d.points_spent], { 'data-day': d.day })));
    $('account-holds').replaceChildren(...(usage.open_holds.length ? usage.open_holds.map((h) =>
      el('li', `job ${h.job_id}: ${h.amount} points since ${when(h.created_at)}`)) : [el('li', 'none')]));
  }
  $('account-keys').replaceChildren(...(keys ? keys.data : []).map((k) => {
    const li = el('li', `${k.prefix}… ${k.label || ''} — created ${when(k.created_at)}`
      + `, last used ${k.last_used_at ? when(k.last_used_at) : 'never'}`
      + (k.revoked_at ? `, revoked ${when(k.revoked_at)}` : ''));
    if (!k.revoked_at) {
      li.append(' ', button('Revoke', () => revokeKey(k.prefix)));
    }
    return li;
  }));
  applyRole();
}

async function revokeKey(prefix) {
  if (await attempt(() => send('DELETE', `/admin/v1/accounts/${state.account.account_id}/keys/${prefix}`), `Key ${prefix} revoked.`) !== null) {
    await openAccount(state.account.account_id);
  }
}

async function grant(event) {
  event.preventDefault();
  const points = Number($('grant-points').value);
  const reason = $('grant-reason').value.trim();
  if (!Number.isInteger(points) || points === 0 || !reason) {
    say('A grant needs a whole, non-zero number of points and a reason.');
    return;
  }
  const done = await attempt(() => send('POST', `/admin/v1/accounts/${state.account.account_id}/grants`,
    { points, reason, idempotency_key: crypto.randomUUID() }), 'Points granted.');
  if (done) {
    await openAccount(state.account.account_id);
  }
}

async function movePlan(event) {
  event.preventDefault();
  const plan = $('account-new-plan').value;
  const done = await attempt(() => send('PUT', `/admin/v1/accounts/${state.account.account_id}/plan`, { plan }),
    `Moved to ${plan}.`);
  if (done) {
    await openAccount(state.account.account_id);
  }
}

// ---------- jobs ----------

async function searchJobs(event) {
  if (event) {
    event.preventDefault();
  }
  const params = new URLSearchParams();
  [['account_id', 'job-account'], ['status', 'job-status'], ['model', 'job-model'], ['route', 'job-route']].forEach(([name, id]) => {
    const value = $(id).value.trim();
    if (value) {
      params.set(name, value);
    }
  });
  const page = await attempt(() => get(`/admin/v1/jobs?${params}`));
  if (!page) {
    return;
  }
  fill('job-table', page.data.map((j) => {
    const open = button(j.id, () => openJob(j.id), 'link');
    open.classList.remove('changes');
    return row([open, j.status, j.model, j.lane, j.cost, when(j.created_at)], { 'data-id': j.id, 'data-status': j.status });
  }));
}

async function openJob(id) {
  const dossier = await attempt(() => get(`/admin/v1/jobs/${id}`));
  if (!dossier) {
    return;
  }
  state.job = dossier.record.job;
  const r = dossier.record;
  $('job-detail').hidden = false;
  $('job-id').textContent = r.job.id;
  const facts = [['Status', r.job.status], ['Account', r.job.account_id], ['Model', r.job.model],
    ['Attempt', r.job.attempt], ['Worker', r.worker_id], ['Route', r.route], ['Provider task', r.provider_task_id
      ? `${r.provider} ${r.provider_task_id}` : null], ['Error', r.job.error ? `${r.job.error.code}: ${r.job.error.message}` : null],
    ['Cost', r.job.cost], ['Created', when(r.job.created_at)], ['Finished', when(r.job.finished_at)],
    ['Requeued from', r.requeued_from], ['Requeued as', r.requeued_as]];
  $('job-facts').replaceChildren(...facts.map(([k, v]) => {
    const div = el('div');
    div.append(el('dt', k), el('dd', v === null || v === undefined ? '–' : v));
    return div;
  }));
  $('job-transitions').replaceChildren(...r.transitions.map((t) =>
    el('li', `${t.from || '—'} → ${t.to} (attempt ${t.attempt}) ${t.reason || ''} ${when(t.at)}`)));
  $('job-points').replaceChildren(...dossier.points.map((p) => el('li', `${p.kind} ${p.points} — ${when(p.created_at)}`)));
  $('job-actions').replaceChildren(...(dossier.actions.length ? dossier.actions.map((a) =>
    el('li', `${a.action} by ${a.operator}: ${a.reason || ''} ${when(a.at)}`)) : [el('li', 'none')]));
  applyRole();
}

const JOB_ACTIONS = { cancel: 'Cancelled.', refund: 'Refunded.', requeue: 'Requeued as a new job.' };

async function jobAction(kind) {
  const reason = $('job-reason').value.trim();
  if (kind !== 'cancel' && !reason) {
    say(`A ${kind} needs a reason.`);
    return;
  }
  const done = await attempt(() => send('POST', `/admin/v1/jobs/${state.job.id}/${kind}`, { reason }), JOB_ACTIONS[kind]);
  if (done) {
    // a requeue answers the new job: show it (its record names the failed one)
    await openJob(kind === 'requeue' ? done.id : state.job.id);
  }
}

// ---------- plans ----------

async function loadPlans() {
  const plans = await attempt(() => get('/admin/v1/plans'));
  if (!plans) {
    return;
  }
  state.plans = plans.data;
  fill('plan-table', plans.data.map((p) => {
    const actions = el('span');
    actions.append(button('Edit', () => editPlan(p)), ' ',
      button(p.retired_at ? 'Restore' : 'Retire', () => retirePlan(p)));
    return row([p.code + (p.retired_at ? ' (retired)' : ''), p.parallel_jobs, p.queued_jobs, p.turn_weight,
      p.watermark ? 'yes' : 'no', `${p.max_resolution_p}P, ${p.max_duration_seconds} s`, p.lanes.join(', '),
      `${p.signup_grant} / ${p.daily_grant} / ${p.monthly_grant}`, p.accounts, actions],
    { 'data-plan': p.code, class: p.retired_at ? 'retired' : '' });
  }));
  applyRole();
}

const PLAN_FIELDS = [['plan-parallel', 'parallel_jobs'], ['plan-queued', 'queued_jobs'], ['plan-weight', 'turn_weight'],
  ['plan-resolution', 'max_resolution_p'], ['plan-duration', 'max_duration_seconds'], ['plan-signup', 'signup_grant'],
  ['plan-daily', 'daily_grant'], ['plan-monthly', 'monthly_grant']];

function editPlan(plan) {
  $('plan-editor-title').textContent = `Edit ${plan.code}`;
  $('plan-code').value = plan.code;
  $('plan-code').disabled = true;
  PLAN_FIELDS.forEach(([id, field]) => { $(id).value = plan[field]; });
  $('plan-lanes').value = plan.lanes.join(',');
  $('plan-watermark').checked = plan.watermark;
  $('plan-save').textContent = 'Save';
}

function newPlan() {
  $('plan-editor-title').textContent = 'New plan';
  $('plan-code').disabled = false;
  $('plan-code').value = '';
  $('plan-save').textContent = 'Create';
}

async function savePlan(event) {
  event.preventDefault();
  const terms = { code: $('plan-code').value.trim(), watermark: $('plan-watermark').checked,
    lanes: $('plan-lanes').value.split(',').map((l) => l.trim()).filter(Boolean) };
  PLAN_FIELDS.forEach(([id, field]) => { terms[field] = Number($(id).value); });
  const editing = $('plan-code').disabled;
  const done = await attempt(() => (editing ? send('PUT', `/admin/v1/plans/${terms.code}`, terms)
    : send('POST', '/admin/v1/plans', terms)), editing ? `Plan ${terms.code} saved.` : `Plan ${terms.code} created.`);
  if (done) {
    newPlan();
    await loadPlans();
  }
}

async function retirePlan(plan) {
  const what = plan.retired_at ? 'restore' : 'retire';
  if (await attempt(() => send('POST', `/admin/v1/plans/${plan.code}/${what}`), `Plan ${plan.code}: ${what}d.`)) {
    await loadPlans();
  }
}

// ---------- prices ----------

async function loadPrices() {
  const prices = await attempt(() => get('/admin/v1/prices'));
  if (!prices) {
    return;
  }
  fill('price-table', prices.data.map((p) => row([p.model, `${p.duration_seconds} s`, p.resolution, p.lane, p.points,
    button('Remove', () => removePrice(p))])));
  applyRole();
}

const pricePath = (p) => `/admin/v1/prices/${encodeURIComponent(p.model)}/${p.duration}/${encodeURIComponent(p.resolution)}/${encodeURIComponent(p.lane)}`;

async function setPrice(event) {
  event.preventDefault();
  const key = { model: $('price-model').value.trim(), duration: Number($('price-duration').value),
    resolution: $('price-resolution').value.trim(), lane: $('price-lane').value.trim() };
  const points = Number($('price-points').value);
  if (await attempt(() => send('PUT', pricePath(key), { points }), 'Price set.')) {
    await loadPrices();
  }
}

async function removePrice(p) {
  const key = { model: p.model, duration: p.duration_seconds, resolution: p.resolution, lane: p.lane };
  if (await attempt(() => send('DELETE', pricePath(key)), 'Price removed.') !== null) {
    await loadPrices();
  }
}

// ---------- model catalogue ----------

async function loadModels() {
  const models = await attempt(() => get('/admin/v1/models'));
  if (!models) {
    return;
  }
  fill('model-catalogue', models.data.map((m) => row([m.id, m.provider, m.provider_model, m.durations.join(', '),
    m.resolutions.join(', '), m.enabled ? 'yes' : 'no', m.updated_by, button('Edit', () => editModel(m))],
  { 'data-model': m.id })));
  applyRole();
}

function editModel(m) {
  $('model-editor-title').textContent = `Edit ${m.id}`;
  $('model-id').value = m.id;
  $('model-provider').value = m.provider;
  $('model-provider-model').value = m.provider_model;
  $('model-durations').value = m.durations.join(',');
  $('model-resolutions').value = m.resolutions.join(',');
  $('model-optimizer').checked = m.prompt_optimizer;
  $('model-enabled').checked = m.enabled;
}

async function saveModel(event) {
  event.preventDefault();
  const id = $('model-id').value.trim();
  const body = { provider: $('model-provider').value.trim(), provider_model: $('model-provider-model').value.trim(),
    durations: $('model-durations').value.split(',').map((d) => Number(d.trim())).filter((d) => d > 0),
    resolutions: $('model-resolutions').value.split(',').map((r) => r.trim()).filter(Boolean),
    prompt_optimizer: $('model-optimizer').checked, enabled: $('model-enabled').checked };
  if (await attempt(() => send('PUT', `/admin/v1/models/${encodeURIComponent(id)}`, body), `Model ${id} saved.`)) {
    await loadModels();
  }
}

// ---------- pauses ----------

async function loadPauses() {
  const pauses = await attempt(() => get('/admin/v1/pauses'));
  if (!pauses) {
    return;
  }
  fill('pause-table', pauses.data.map((p) => row([p.kind, p.name, p.mode, p.reason, p.paused_by, when(p.paused_at),
    button('Resume', () => resume(p))], { 'data-pause': `${p.kind}:${p.name}` })));
  applyRole();
}

async function pause(event) {
  event.preventDefault();
  const kind = $('pause-kind').value;
  const name = $('pause-name').value.trim();
  const done = await attempt(() => send('PUT', `/admin/v1/pauses/${kind}/${encodeURIComponent(name)}`,
    { mode: $('pause-mode').value, reason: $('pause-reason').value.trim() || null }), `Paused ${kind} ${name}.`);
  if (done) {
    await loadPauses();
  }
}

async function resume(p) {
  if (await attempt(() => send('DELETE', `/admin/v1/pauses/${p.kind}/${encodeURIComponent(p.name)}`), `Resumed ${p.kind} ${p.name}.`)) {
    await loadPauses();
  }
}

// ---------- audit log ----------

function diff(before, after) {
  const text = (v) => (v === null || v === undefined ? '∅' : JSON.stringify(v));
  return el('div', `${text(before)} → ${text(after)}`, { class: 'diff' });
}

async function loadAudit(fresh) {
  if (fresh) {
    state.auditCursor = null;
    fill('audit-table', []);
  }
  const page = await attempt(() => get(`/admin/v1/audit-log?limit=50${state.auditCursor ? `&cursor=${state.auditCursor}` : ''}`));
  if (!page) {
    return;
  }
  const body = $('audit-table').querySelector('tbody');
  page.data.forEach((e) => body.append(row([when(e.at), `${e.operator} (${e.role})`, e.action, e.target, e.reason,
    diff(e.before, e.after)], { 'data-action': e.action })));
  state.auditCursor = page.next_cursor;
  $('audit-more').hidden = !page.next_cursor;
}

// ---------- wiring ----------

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    $('sign-in-message').textContent = '';
    signIn($('token').value.trim());
  });
  $('sign-out').addEventListener('click', () => signOut());
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
  $('overview-refresh').addEventListener('click', loadOverview);
  $('account-search').addEventListener('submit', findAccounts);
  $('grant-form').addEventListener('submit', grant);
  $('plan-form').addEventListener('submit', movePlan);
  $('account-jobs').addEventListener('click', () => {
    $('job-account').value = state.account.account_id;
    show('jobs');
    searchJobs();
  });
  $('job-search').addEventListener('submit', searchJobs);
  $('job-cancel').addEventListener('click', () => jobAction('cancel'));
  $('job-refund').addEventListener('click', () => jobAction('refund'));
  $('job-requeue').addEventListener('click', () => jobAction('requeue'));
  $('plan-editor').addEventListener('submit', savePlan);
  $('plan-new').addEventListener('click', newPlan);
  $('price-form').addEventListener('submit', setPrice);
  $('pause-form').addEventListener('submit', pause);
  $('model-editor').addEventListener('submit', saveModel);
  $('audit-more').addEventListener('click', () => loadAudit(false));
  const saved = sessionStorage.getItem(TOKEN_STORAGE);
  if (saved) {
    signIn(saved);
  }
});
