// Drives the official openai npm client against mira serve and prints one
// JSON object with what it saw; cmd/mira's TestNodeOpenAIClient checks it.
// The server's CA comes in through NODE_EXTRA_CA_CERTS: no verification is
// turned off.
import OpenAI from "openai";

const baseURL = process.env.MIRA_BASE_URL + "/v1";
const client = (apiKey, maxRetries = 0) => new OpenAI({ apiKey, baseURL, maxRetries });
const prompt = process.env.PROMPT;
const out = {};

if (process.env.MODE === "ratelimited") {
  // The key's budget is spent: the client must wait as our headers say.
  const started = Date.now();
  const done = await client(process.env.MIRA_API_KEY, 3).chat.completions.create({
    model: "mira-echo",
    messages: [{ role: "user", content: prompt }],
  });
  console.log(JSON.stringify({ answer: done.choices[0].message.content, waitedMs: Date.now() - started }));
  process.exit(0);
}

const c = client(process.env.MIRA_API_KEY);
out.models = (await c.models.list()).data.map((m) => m.id);
const done = await c.chat.completions.create({
  model: "mira-echo",
  messages: [{ role: "user", content: prompt }],
});
out.answer = done.choices[0].message.content;
out.usage = done.usage;

const stream = await c.chat.completions.create({
  model: "mira-echo",
  messages: [{ role: "user", content: prompt }],
  stream: true,
  stream_options: { include_usage: true },
});
out.streamed = "";
out.chunks = 0;
for await (const chunk of stream) {
  out.chunks++;
  for (const ch of chunk.choices) out.streamed += ch.delta?.content ?? "";
  if (chunk.usage) out.streamUsage = chunk.usage;
}

async function failure(key) {
  try {
    await client(key).chat.completions.create({ model: "mira-echo", messages: [{ role: "user", content: "x" }] });
    return { ok: true };
  } catch (e) {
    return { status: e.status, code: e.code, type: e.type, isAPIError: e instanceof OpenAI.APIError,
      isAuth: e instanceof OpenAI.AuthenticationError, isPermission: e instanceof OpenAI.PermissionDeniedError,
      requestID: e.requestID ?? null };
  }
}
out.badKey = await failure(process.env.BAD_KEY);
out.readOnly = await failure(process.env.READONLY_KEY);
console.log(JSON.stringify(out));
