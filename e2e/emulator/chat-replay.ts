import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from './exchange';
import { type ReplayName, readReplay } from './replay-streams';
import { SSE_CONTENT_TYPE } from './sse';

/**
 * Answers with a recorded real reply (`replay-<fixture>`), whatever was asked: a stream as its rebuilt
 * SSE text, one write per recorded network chunk (flushed, so an event the recorder saw split across
 * chunks also reaches the client split); the non-streamed completion as its JSON body. The recordings
 * carry their own generation id, so no `X-Generation-Id` header is added.
 */
export async function sendReplay(
  ex: Exchange,
  name: ReplayName,
  headers: OutgoingHttpHeaders = {},
): Promise<void> {
  const replay = readReplay(name);
  if (replay.kind === 'completion') {
    await ex.sendJsonText(200, replay.body, headers);
    return;
  }
  ex.writeHead(200, { ...headers, 'content-type': SSE_CONTENT_TYPE, 'cache-control': 'no-cache' });
  for (const chunk of replay.chunks) await ex.write(chunk, { flush: true });
  await ex.end();
}
