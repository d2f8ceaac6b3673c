import { describe, expect, it } from 'vitest';
import { readEventStream, SseParser, type SseMessage } from './sse';

describe('server-sent events', () => {
  it('parses events split across chunks, with ids, multi-line data and comments', () => {
    const parser = new SseParser();
    expect(parser.feed(': keep-alive\nevent: ev')).toEqual([]);
    expect(parser.feed('ent\r\nid: 7\r\ndata: {"a":\ndata:1}\r\n')).toEqual([]);
    expect(parser.feed('\r')).toEqual([]);
    expect(parser.feed('\ndata: plain\n\n')).toEqual([
      { event: 'event', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'plain', id: '7' },
    ]);
  });

  it('reads a streamed response to its end', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('event: event\ndata: {"id":1}\n\nevent: e'));
        controller.enqueue(encoder.encode('nd\ndata: {"status":"SUCCEEDED"}\n\n'));
        controller.close();
      },
    });
    const messages: SseMessage[] = [];
    await readEventStream(new Response(body), (message) => messages.push(message));
    expect(messages.map((m) => [m.event, m.data])).toEqual([
      ['event', '{"id":1}'],
      ['end', '{"status":"SUCCEEDED"}'],
    ]);
  });
});
