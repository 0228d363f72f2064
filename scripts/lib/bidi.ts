/**
 * A minimal WebDriver BiDi client over Node's global WebSocket: commands (`send`) and events
 * (`on`), nothing else. Enough to drive Firefox with the built add-on; the protocol is the W3C
 * one (https://w3c.github.io/webdriver-bidi/), so no client library is needed.
 */

export class BiDiError extends Error {
  readonly method: string;
  readonly error: string;
  constructor(method: string, error: string, message: string) {
    super(`${method}: ${error}: ${message}`);
    this.method = method;
    this.error = error;
  }
}

type Pending = { method: string; resolve: (v: any) => void; reject: (e: Error) => void };
type Listener = (params: any) => void;

export class BiDiConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private closedWith: Error | null = null;
  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => this.fail(new Error('BiDi connection closed')));
    socket.addEventListener('error', () => this.fail(new Error('BiDi connection error')));
  }

  static connect(url: string, timeoutMs = 30_000): Promise<BiDiConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const timer = setTimeout(() => (socket.close(), reject(new Error(`BiDi: no connection to ${url} in ${timeoutMs / 1000}s`))), timeoutMs);
      socket.addEventListener('open', () => (clearTimeout(timer), resolve(new BiDiConnection(socket))), { once: true });
      socket.addEventListener('error', () => (clearTimeout(timer), reject(new Error(`BiDi: cannot connect to ${url}`))), { once: true });
    });
  }

  /** Sends a command; resolves with its result, rejects with a BiDiError. */
  send<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Listens to an event (subscribe to it with `session.subscribe` too); returns the remover. */
  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    this.fail(new Error('BiDi connection closed'));
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }

  private receive(text: string): void {
    let message: any;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.type === 'error') pending.reject(new BiDiError(pending.method, message.error, message.message));
      else pending.resolve(message.result);
    } else if (message.type === 'event' && typeof message.method === 'string') {
      for (const listener of this.listeners.get(message.method) ?? []) {
        try {
          listener(message.params);
        } catch {
          // one listener's failure is not the connection's
        }
      }
    }
  }

  private fail(error: Error): void {
    if (this.closedWith) return;
    this.closedWith = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
