// Drives every inference endpoint of mira serve (model mira-echo) with
// three unmodified clients and prints one JSON object with what each saw;
// cmd/mira's TestNodeEndpointClients checks it:
//   - the official openai npm client: responses, completions, embeddings,
//     models.retrieve, streamed and not;
//   - the Vercel AI SDK's default provider, createOpenAI() (base URL and
//     key from OPENAI_BASE_URL and OPENAI_API_KEY): generateText and
//     streamText (the Responses API) and embed;
//   - LangChain's ChatOpenAI with useResponsesApi, invoked and streamed,
//     and OpenAIEmbeddings.
// The server's CA comes in through NODE_EXTRA_CA_CERTS: no verification is
// turned off.
import OpenAI from "openai";
import { generateText, streamText, embed } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";

const baseURL = process.env.OPENAI_BASE_URL;
const apiKey = process.env.OPENAI_API_KEY;
const prompt = process.env.PROMPT;
const model = "mira-echo";
const out = { openai: {}, aiSDK: {}, langchain: {} };

// The official client.
const c = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
const o = out.openai;
o.model = await c.models.retrieve(model);
const resp = await c.responses.create({ model, instructions: "be brief", input: prompt });
o.response = { text: resp.output_text, status: resp.status, usage: resp.usage };
o.streamedResponse = "";
o.responseEvents = [];
for await (const ev of await c.responses.create({ model, input: [{ role: "user", content: prompt }], stream: true })) {
  o.responseEvents.push(ev.type);
  if (ev.type === "response.output_text.delta") o.streamedResponse += ev.delta;
}
const comp = await c.completions.create({ model, prompt, max_tokens: 200 });
o.completion = comp.choices[0].text;
o.streamedCompletion = "";
for await (const chunk of await c.completions.create({ model, prompt, stream: true })) {
  o.streamedCompletion += chunk.choices[0]?.text ?? "";
}
// No encoding_format: the client asks for base64 and decodes it.
const emb = await c.embeddings.create({ model, input: ["trams", "pastries"], dimensions: 8 });
o.embeddings = emb.data.map((d) => d.embedding);
const tool = await c.responses.create({
  model,
  input: "call get_weather for Lisbon",
  tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: { input: { type: "string" } } } }],
});
o.toolCall = tool.output.find((i) => i.type === "function_call") ?? null;
try {
  await c.responses.create({ model, input: "hi", previous_response_id: "resp_123" });
  o.previous = { ok: true };
} catch (e) {
  o.previous = { status: e.status, code: e.code, message: e.message };
}

// The Vercel AI SDK's default provider: the Responses API.
const openai = createOpenAI();
const g = await generateText({ model: openai(model), prompt, maxRetries: 0 });
out.aiSDK.generated = g.text;
out.aiSDK.usage = g.usage;
const s = streamText({ model: openai(model), prompt, maxRetries: 0, onError: ({ error }) => { out.aiSDK.streamError = String(error); } });
out.aiSDK.streamed = "";
for await (const part of s.textStream) out.aiSDK.streamed += part;
const e = await embed({ model: openai.embedding(model), value: "pastries", maxRetries: 0 });
out.aiSDK.embedding = e.embedding;

// LangChain.
const llm = new ChatOpenAI({ model, apiKey, useResponsesApi: true, maxRetries: 0, configuration: { baseURL } });
const msg = await llm.invoke(prompt);
out.langchain.invoked = msg.text;
out.langchain.streamed = "";
for await (const chunk of await llm.stream(prompt)) out.langchain.streamed += chunk.text;
const lcEmb = new OpenAIEmbeddings({ model, apiKey, dimensions: 8, maxRetries: 0, configuration: { baseURL } });
out.langchain.query = await lcEmb.embedQuery("pastries");
out.langchain.documents = await lcEmb.embedDocuments(["trams", "pastries"]);

console.log(JSON.stringify(out));
