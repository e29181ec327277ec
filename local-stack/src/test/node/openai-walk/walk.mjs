// OpenAI's official Node SDK against i2v's OpenAI-compatible door, configured only with a base URL and a key.
// OpenAiSdkIT runs it with OPENAI_BASE_URL, OPENAI_API_KEY, I2V_IMAGE (a PNG) and I2V_OUTPUT (where to save the
// MP4 it downloads, for ffprobe). Prints one "ok:" line per check; exits non-zero at the first failed one.
import fs from 'node:fs';
import OpenAI, { toFile, NotFoundError, RateLimitError } from 'openai';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 });
const image = fs.readFileSync(process.env.I2V_IMAGE);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function check(condition, what, detail) {
  if (!condition) {
    console.error(`FAILED: ${what}${detail === undefined ? '' : ` (${JSON.stringify(detail)})`}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

async function finished(id) {
  for (let i = 0; i < 400; i++) {
    const video = await client.videos.retrieve(id);
    if (video.status !== 'queued' && video.status !== 'in_progress') return video;
    await sleep(300);
  }
  throw new Error(`video ${id} did not finish`);
}

// 1. an uploaded file, OpenAI's model and size names
const created = await client.videos.create({
  prompt: 'a slow zoom in on the cat', model: 'sora-2', seconds: '8', size: '1280x720',
  input_reference: await toFile(image, 'cat.png', { type: 'image/png' }),
});
check(['queued', 'in_progress'].includes(created.status), 'create answers a queued video', created);
check(created.object === 'video' && typeof created.created_at === 'number', 'the video object has its fields', created);
const done = await finished(created.id);
check(done.status === 'completed' && done.progress === 100, 'the video completes', done);
check(done.seconds === '10', 'seconds "8" ran as the nearest duration offered (10, the longer on a tie)', done.seconds);
check(/^\d+x\d+$/.test(done.size) && typeof done.completed_at === 'number', 'size and completed_at are set', done);

// 2. the MP4
const content = await client.videos.downloadContent(created.id, { variant: 'video' });
const mp4 = Buffer.from(await content.arrayBuffer());
check(mp4.subarray(4, 8).toString('latin1') === 'ftyp', 'downloadContent returns an MP4', mp4.length);
fs.writeFileSync(process.env.I2V_OUTPUT, mp4);

// 3. JSON with a data URL instead of a file
const second = await client.videos.create({
  prompt: 'pan left', model: 'instant',
  input_reference: { image_url: `data:image/png;base64,${image.toString('base64')}` },
});
check((await finished(second.id)).status === 'completed', 'an image_url data URL works');

// 4. list pages through both
const ids = [];
for await (const video of client.videos.list({ limit: 1 })) ids.push(video.id);
check(ids.length === 2 && ids[0] === second.id && ids[1] === created.id, 'list pages newest first', ids);

// 5. delete
const deleted = await client.videos.delete(second.id);
check(deleted.deleted === true && deleted.object === 'video.deleted', 'delete answers deleted', deleted);
try {
  await client.videos.retrieve(second.id);
  check(false, 'a deleted video is gone');
} catch (e) {
  check(e instanceof NotFoundError, 'a deleted video is gone (NotFoundError)', e.message);
}

// 6. a full plan: the SDK's RateLimitError with our code
const waiting = [];
try {
  for (let i = 0; i < 4; i++) {
    waiting.push((await client.videos.create({
      prompt: `sleep:60 wait ${i}`, model: 'instant', input_reference: await toFile(image, 'cat.png', { type: 'image/png' }),
    })).id);
  }
  check(false, 'the fourth parallel video is refused');
} catch (e) {
  check(e instanceof RateLimitError && e.code === 'concurrency_limit' && waiting.length === 3,
    'the fourth parallel video is refused (RateLimitError, concurrency_limit)', { status: e.status, code: e.code });
}
for (const id of waiting) await client.videos.delete(id);
console.log('walk complete');
