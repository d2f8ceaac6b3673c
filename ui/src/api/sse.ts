// Server-Sent Events read through fetch, so the request carries the session's Authorization
// header (EventSource cannot send headers).

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Parses the text/event-stream format incrementally: feed chunks, get complete messages.
 * Follows the HTML spec's rules: `field: value` lines, one leading space stripped, `data` lines
 * joined by newlines, a blank line dispatches, lines starting with `:` are comments.
 */
export class SseParser {
  private buffered = '';
  private event = '';
  private data: string[] = [];
  private id: string | null = null;

  feed(chunk: string): SseMessage[] {
    this.buffered += chunk;
    const messages: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffered);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.buffered.length - 1)) break;
      const line = this.buffered.slice(0, match.index);
      this.buffered = this.buffered.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const message = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return null;
  }
}

/** Reads an event stream until it ends or `signal` aborts. */
export async function readEventStream(
  response: Response,
  onMessage: (message: SseMessage) => void,
): Promise<void> {
  const parser = new SseParser();
  if (!response.body) {
    parser.feed(await response.text()).forEach(onMessage);
    parser.feed('\n\n').forEach(onMessage);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true })).forEach(onMessage);
  }
}
