// The web page: a plain script over the public API (/v1), no build step. The API key lives in this
// tab's session storage and goes in the Authorization header of every call; event streams, the video
// and its download are fetched with that header too (EventSource and <video src> cannot send one).
'use strict';

const KEY_STORAGE = 'i2v.apiKey';
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const MAX_STREAMS = 3; // a browser opens ~6 connections per host: leave room for the other calls
const $ = (id) => document.getElementById(id);

const state = {
  key: null, models: [], limits: null, image: null, jobs: new Map(),
  streams: new Set(), jobsCursor: null, historyCursor: null, quoteTimer: null, refreshTimer: null,
};

// ---------- API calls ----------

class Problem extends Error {
  constructor(status, body, headers) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || '';
    this.retryAfter = headers ? headers.get('Retry-After') : null;
  }
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', `Bearer ${state.key}`);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new Problem(0, { code: 'network', detail: 'The service could not be reached.' });
  }
  if (response.status === 401) {
    signOut('Your API key was not accepted. Sign in again.');
    throw new Problem(401, { code: 'unauthenticated' });
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON: keep the status */ }
    throw new Problem(response.status, body, response.headers);
  }
  return response;
}

const getJson = async (path) => (await api(path)).json();

/** A problem in words a person can act on. */
function describeProblem(p) {
  const b = p.body;
  switch (p.code) {
    case 'insufficient_credits':
      return `Not enough points: this video costs ${b.cost} and you have ${b.balance}.`;
    case 'concurrency_limit':
      return `Your plan runs ${b.limit} videos at a time and ${b.active} are in progress. `
        + 'Wait for one to finish or cancel one.';
    case 'rate_limited':
      return `Too many requests. Try again in ${p.retryAfter || 'a few'} seconds.`;
    case 'image_too_large':
      return `The image is too large. ${b.detail || ''}`.trim();
    case 'unsupported_image_type':
      return 'That file is not a JPEG, PNG or WebP image.';
    case 'plan_limit':
      return `Your plan does not allow this. ${b.detail || ''}`.trim();
    case 'unsupported_option':
      return `This model does not offer that. ${b.detail || ''}`.trim();
    case 'invalid_prompt':
      return `Check the prompt. ${b.detail || ''}`.trim();
    case 'invalid_image':
      return `Check the image. ${b.detail || ''}`.trim();
    case 'unavailable':
      return 'The service is busy or a part of it is down. Nothing was charged; try again shortly.';
    case 'network':
      return b.detail;
    default:
      return b.detail || b.title || `The request failed (HTTP ${p.status}).`;
  }
}

/** A job's error code in words; the service's own message follows. */
const JOB_ERRORS = {
  cancelled: 'Cancelled.',
  moderation: 'The model refused this image or prompt (content rules).',
  moderation_blocked: 'The model refused this image or prompt (content rules).',
  invalid_input: 'The model could not use this image or prompt.',
  invalid_image: 'The model could not use this image.',
  poison_job: 'This video kept failing and was stopped.',
  timeout: 'The model took too long.',
  provider_timeout: 'The model took too long.',
  provider_unavailable: 'The model is unavailable right now.',
  provider_account_error: 'The model is not usable right now (an operator has been told).',
  provider_outcome_unknown: 'The model did not answer whether it took this video; it was stopped so you are not charged twice.',
};

// ---------- sign in ----------

async function start() {
  wireForms();
  try {
    const config = await (await fetch('/web/config.json')).json();
    state.limits = config.image_limits;
    if (config.demo_api_key && !sessionStorage.getItem(KEY_STORAGE)) {
      $('api-key').value = config.demo_api_key;
      $('demo-hint').hidden = false;
    }
  } catch (e) { /* the page works without it */ }
  const saved = sessionStorage.getItem(KEY_STORAGE);
  if (saved) {
    await signIn(saved);
  } else {
    $('api-key').focus();
  }
}

async function signIn(key) {
  state.key = key;
  $('sign-in-message').textContent = '';
  try {
    await refreshCredits();
  } catch (e) {
    if (e.status !== 401) {
      $('sign-in-message').textContent = describeProblem(e);
    }
    return;
  }
  sessionStorage.setItem(KEY_STORAGE, key);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('account').hidden = false;
  $('sign-out').hidden = false;
  await loadModels();
  await Promise.all([loadJobs(), loadHistory()]);
  state.refreshTimer = setInterval(() => refreshCredits().catch(() => {}), 30000);
  $('prompt').focus();
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  state.key = null;
  clearInterval(state.refreshTimer);
  state.streams.forEach((controller) => controller.abort());
  state.streams.clear();
  state.jobs.clear();
  $('job-list').replaceChildren();
  $('history-rows').replaceChildren();
  $('app').hidden = true;
  $('account').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('api-key').value = '';
  $('sign-in-message').textContent = message || '';
  $('api-key').focus();
}

// ---------- header: plan, points, parallel jobs, next grant ----------

async function refreshCredits() {
  const c = await getJson('/v1/credits');
  $('plan').textContent = c.plan;
  $('balance').textContent = c.balance.toLocaleString();
  $('concurrency').textContent = `${c.concurrency.active} / ${c.concurrency.limit}`;
  $('next-grant').textContent = c.next_daily_grant_at ? formatTime(c.next_daily_grant_at) : '–';
}

/** A job's end is settled a moment after it is reported (hold captured or released): look now and again shortly. */
function refreshAfterSettlement() {
  for (const delay of [0, 1500, 5000]) {
    setTimeout(() => {
      if (!state.key) return;
      refreshCredits().catch(() => {});
      loadHistory().catch(() => {});
    }, delay);
  }
}

const formatTime = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

// ---------- create: image, prompt, options, quote, submit ----------

function wireForms() {
  $('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      $('sign-in-message').textContent = 'Paste an API key first.';
      return;
    }
    signIn(key);
  });
  $('sign-out').addEventListener('click', () => signOut('Signed out.'));
  $('image').addEventListener('change', () => chooseImage($('image').files[0]));
  const drop = $('drop-zone');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) chooseImage(e.dataTransfer.files[0]);
  });
  $('prompt').addEventListener('input', () => {
    $('prompt-count').textContent = `${$('prompt').value.length} / 2000`;
  });
  $('model').addEventListener('change', () => { fillModelOptions(); scheduleQuote(); });
  for (const id of ['duration', 'resolution', 'lane', 'prompt-optimizer']) {
    $(id).addEventListener('change', scheduleQuote);
  }
  $('create-form').addEventListener('submit', (e) => { e.preventDefault(); submit(); });
  $('jobs-more').addEventListener('click', () => loadJobs(state.jobsCursor));
  $('history-more').addEventListener('click', () => loadHistory(state.historyCursor));
}

/** The server's image rules, checked here first so a person learns at once (the server checks again). */
async function chooseImage(file) {
  state.image = null;
  const message = $('image-message');
  const preview = $('preview');
  preview.hidden = true;
  message.className = 'message';
  if (!file) { message.textContent = ''; return; }
  const limits = state.limits || { max_bytes: 20971520, max_pixels: 40000000, min_short_side: 300, max_aspect: 2.5 };
  const problem = await checkImage(file, limits);
  if (problem) {
    message.textContent = problem;
    return;
  }
  state.image = file;
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.src = URL.createObjectURL(file);
  preview.hidden = false;
  message.className = 'message ok';
  const bytes = file.size < 1048576 ? `${Math.ceil(file.size / 1024)} KB` : `${(file.size / 1048576).toFixed(1)} MB`;
  message.textContent = `${file.name}: ${state.imageSize.w} × ${state.imageSize.h}, ${bytes}`;
}

async function checkImage(file, limits) {
  if (file.size > limits.max_bytes) {
    return `The image is ${(file.size / 1048576).toFixed(1)} MB; at most ${limits.max_bytes / 1048576} MB.`;
  }
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const isJpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const isPng = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b);
  const ascii = (from, to) => String.fromCharCode(...head.slice(from, to));
  const isWebp = ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
  if (!isJpeg && !isPng && !isWebp) return 'That file is not a JPEG, PNG or WebP image.';
  let size;
  try {
    size = await imageSize(file);
  } catch (e) {
    return 'That image could not be read; it may be damaged.';
  }
  state.imageSize = size;
  const short = Math.min(size.w, size.h);
  const long = Math.max(size.w, size.h);
  if (size.w * size.h > limits.max_pixels) return `The image has ${(size.w * size.h / 1e6).toFixed(0)} MP; at most ${limits.max_pixels / 1e6} MP.`;
  if (short < limits.min_short_side) return `The image is ${size.w} × ${size.h}; its shorter side must be at least ${limits.min_short_side} px.`;
  if (long / short > limits.max_aspect) return `The image is ${size.w} × ${size.h}, too narrow: the long side may be at most ${limits.max_aspect} × the short side.`;
  return null;
}

function imageSize(file) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(file);
    img.onload = () => { URL.revokeObjectURL(url); resolve({ w: img.naturalWidth, h: img.naturalHeight }); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('unreadable')); };
    img.src = url;
  });
}

async function loadModels() {
  const { data } = await getJson('/v1/models');
  state.models = data;
  const select = $('model');
  select.replaceChildren(...data.map((m) => {
    const option = new Option(m.available ? m.id : `${m.id} (not configured)`, m.id);
    option.disabled = !m.available;
    return option;
  }));
  const first = data.find((m) => m.id === 'local' && m.available) || data.find((m) => m.available);
  if (first) select.value = first.id;
  fillModelOptions();
  scheduleQuote();
}

function fillModelOptions() {
  const model = state.models.find((m) => m.id === $('model').value);
  if (!model) return;
  fill($('duration'), model.durations.map((d) => [String(d), `${d} s`]), String(model.default_duration));
  fill($('resolution'), model.resolutions.map((r) => [r, r]), model.default_resolution);
  fill($('lane'), model.lanes.map((l) => [l, l]), model.lanes.includes('standard') ? 'standard' : model.lanes[0]);
  const optimizer = $('prompt-optimizer');
  optimizer.disabled = !model.prompt_optimizer;
  if (!model.prompt_optimizer) optimizer.checked = false;
}

function fill(select, pairs, selected) {
  select.replaceChildren(...pairs.map(([value, text]) => new Option(text, value)));
  if (selected) select.value = selected;
}

function options() {
  return {
    model: $('model').value,
    duration: Number($('duration').value),
    resolution: $('resolution').value,
    lane: $('lane').value,
    prompt_optimizer: $('prompt-optimizer').checked,
  };
}

function scheduleQuote() {
  clearTimeout(state.quoteTimer);
  state.quoteTimer = setTimeout(quote, 150);
}

async function quote() {
  const out = $('quote');
  try {
    const body = JSON.stringify({ prompt: $('prompt').value || 'quote', ...options() });
    const q = await (await api('/v1/videos/quote', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
    })).json();
    out.textContent = `Costs ${q.cost} ${q.currency}.`;
    out.classList.remove('message');
  } catch (e) {
    out.textContent = describeProblem(e);
    out.classList.add('message');
  }
}

async function submit() {
  const message = $('create-message');
  message.className = 'message';
  message.textContent = '';
  if (!state.image) {
    message.textContent = 'Choose an image first.';
    $('image').focus();
    return;
  }
  const prompt = $('prompt').value.trim();
  if (!prompt) {
    message.textContent = 'Write a prompt first.';
    $('prompt').focus();
    return;
  }
  const form = new FormData();
  form.append('image', state.image, state.image.name);
  form.append('prompt', prompt);
  for (const [name, value] of Object.entries(options())) form.append(name, String(value));
  const button = $('submit');
  button.disabled = true;
  try {
    const job = await (await api('/v1/videos', { method: 'POST', body: form })).json();
    message.className = 'message ok';
    message.textContent = `Submitted: ${job.cost} points held until the video is done.`;
    showJob(job, true);
    refreshCredits().catch(() => {});
    loadHistory().catch(() => {});
  } catch (e) {
    message.textContent = describeProblem(e);
  } finally {
    button.disabled = false;
  }
}

// ---------- jobs: list, live status, cancel, play, download ----------

async function loadJobs(cursor) {
  const page = await getJson(`/v1/videos?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  page.data.forEach((job) => showJob(job, false));
  state.jobsCursor = page.next_cursor || null;
  $('jobs-more').hidden = !state.jobsCursor;
}

function showJob(job, first) {
  let card = state.jobs.get(job.id);
  if (!card) {
    card = $('job-template').content.firstElementChild.cloneNode(true);
    card.dataset.id = job.id;
    card.querySelector('.cancel').addEventListener('click', () => cancel(job.id));
    card.querySelector('.delete').addEventListener('click', () => remove(job.id));
    state.jobs.set(job.id, card);
    const list = $('job-list');
    if (first) list.prepend(card); else list.append(card);
    $('jobs-empty').hidden = true;
  }
  render(card, job);
  if (!TERMINAL.has(job.status) && !card.dataset.watching) watch(job.id);
}

function render(card, job) {
  card.dataset.status = job.status;
  const status = card.querySelector('.status');
  status.textContent = job.status;
  status.dataset.status = job.status;
  card.querySelector('.job-model').textContent = `${job.model} · ${job.duration} s · ${job.resolution} · ${job.cost} points`;
  card.querySelector('.job-when').textContent = formatTime(job.created_at);
  card.querySelector('.job-prompt').textContent = job.prompt || '';
  const bar = card.querySelector('progress');
  bar.value = job.progress;
  bar.setAttribute('aria-label', `Progress ${job.progress}%`);
  bar.hidden = job.status === 'failed' || job.status === 'cancelled';
  const detail = card.querySelector('.job-detail');
  detail.classList.toggle('bad', job.status === 'failed');
  detail.textContent = jobDetail(job);
  card.querySelector('.cancel').hidden = TERMINAL.has(job.status);
  card.querySelector('.delete').hidden = !TERMINAL.has(job.status);
  if (job.status === 'succeeded' && job.output && !card.dataset.video) {
    card.dataset.video = 'pending';
    showVideo(card, job);
  }
}

function jobDetail(job) {
  switch (job.status) {
    case 'queued': {
      const ahead = job.queue_position;
      const position = ahead == null ? '' : ahead === 0 ? ', next in line' : `, ${ahead} ahead in the queue`;
      const eta = job.eta_seconds != null ? `, starts in about ${job.eta_seconds} s` : '';
      return `Waiting${position}${eta}.`;
    }
    case 'running':
      return `Rendering: ${job.progress}%.`;
    case 'succeeded':
      return `Done: ${job.output ? `${job.output.width} × ${job.output.height}, ${job.output.duration.toFixed(1)} s` : ''}`
        + `${job.output && job.output.watermarked ? ' (watermarked on your plan)' : ''}.`;
    case 'cancelled':
      return 'Cancelled; the points went back.';
    case 'failed': {
      const err = job.error || {};
      return `Failed: ${JOB_ERRORS[err.code] || err.message || 'unknown error'}${JOB_ERRORS[err.code] && err.message ? ` (${err.message})` : ''} The points went back.`;
    }
    default:
      return '';
  }
}

/** Follows a job's event stream (text/event-stream read through fetch, so it carries the key). */
async function watch(id) {
  const card = state.jobs.get(id);
  if (state.streams.size >= MAX_STREAMS) {
    setTimeout(() => poll(id), 3000);
    return;
  }
  card.dataset.watching = 'stream';
  const controller = new AbortController();
  state.streams.add(controller);
  try {
    const response = await api(`/v1/videos/${id}/events`, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
    await readEvents(response.body, (job) => render(card, job));
  } catch (e) {
    if (e.name === 'AbortError' || !state.key) return;
  } finally {
    state.streams.delete(controller);
    delete card.dataset.watching;
  }
  if (state.key) await poll(id); // the last word: the stream may have closed early
}

async function readEvents(body, onJob) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) {
        try { onJob(JSON.parse(data)); } catch (e) { /* a keep-alive or a line we do not read */ }
      }
    }
  }
}

async function poll(id) {
  const card = state.jobs.get(id);
  if (!card || !state.key) return;
  let job;
  try {
    job = await getJson(`/v1/videos/${id}`);
  } catch (e) {
    if (state.key) setTimeout(() => poll(id), 5000);
    return;
  }
  render(card, job);
  if (TERMINAL.has(job.status)) {
    refreshAfterSettlement();
  } else if (!card.dataset.watching) {
    setTimeout(() => (state.streams.size < MAX_STREAMS ? watch(id) : poll(id)), 3000);
  }
}

async function cancel(id) {
  const card = state.jobs.get(id);
  const button = card.querySelector('.cancel');
  button.disabled = true;
  try {
    const job = await (await api(`/v1/videos/${id}/cancel`, { method: 'POST' })).json();
    render(card, job);
    refreshAfterSettlement();
  } catch (e) {
    card.querySelector('.job-detail').textContent = e.code === 'job_not_cancellable'
      ? 'It finished before it could be cancelled.' : describeProblem(e);
  } finally {
    button.disabled = false;
  }
}

/** Deletes a finished video; the first click asks, the second deletes (no modal dialog to trap the keyboard). */
async function remove(id) {
  const card = state.jobs.get(id);
  const button = card.querySelector('.delete');
  if (!button.dataset.armed) {
    button.dataset.armed = 'yes';
    button.textContent = 'Delete for good? Click again';
    setTimeout(() => { delete button.dataset.armed; button.textContent = 'Delete'; }, 5000);
    return;
  }
  button.disabled = true;
  try {
    await api(`/v1/videos/${id}`, { method: 'DELETE' });
    const video = card.querySelector('video');
    if (video.src) URL.revokeObjectURL(video.src);
    card.remove();
    state.jobs.delete(id);
    $('jobs-empty').hidden = state.jobs.size > 0;
    refreshAfterSettlement();
  } catch (e) {
    card.querySelector('.job-detail').textContent = describeProblem(e);
    button.disabled = false;
  }
}

/** Loads the MP4 when its card comes into view; the same bytes back the player and the download link. */
function showVideo(card, job) {
  const load = async () => {
    try {
      const blob = await (await api(job.output.content_url)).blob();
      const url = URL.createObjectURL(blob);
      const output = card.querySelector('.job-output');
      const video = output.querySelector('video');
      video.src = url;
      video.setAttribute('aria-label', `Video: ${job.prompt || job.id}`);
      const link = output.querySelector('.download');
      link.href = url;
      link.download = `${job.id}.mp4`;
      output.hidden = false;
      card.dataset.video = 'loaded';
    } catch (e) {
      card.querySelector('.job-detail').textContent = `The video could not be loaded: ${describeProblem(e)}`;
      delete card.dataset.video;
    }
  };
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      load();
    }
  });
  observer.observe(card);
}

// ---------- points history ----------

const LEDGER_WORDS = {
  grant: 'Points granted', hold: 'Held for a video', capture: 'Charged for a video', release: 'Hold released',
  expiry: 'Points expired', adjustment: 'Adjustment',
};

async function loadHistory(cursor) {
  const page = await getJson(`/v1/credits/history?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  const rows = page.data.map((line) => {
    const tr = document.createElement('tr');
    const what = LEDGER_WORDS[line.kind] || line.kind;
    const cells = [formatTime(line.created_at), line.job_id ? `${what} (${line.job_id.slice(-8)})` : what,
      (line.points > 0 ? '+' : '') + line.points, line.balance_after];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i >= 2) td.className = 'num';
      tr.append(td);
    });
    return tr;
  });
  if (cursor) $('history-rows').append(...rows); else $('history-rows').replaceChildren(...rows);
  state.historyCursor = page.next_cursor || null;
  $('history-more').hidden = !state.historyCursor;
}

document.addEventListener('DOMContentLoaded', start);
