/**
 * The TCP front of a lab server: a `net.Server` we own that hands each accepted socket to the HTTP(S) server
 * (`server.emit('connection', socket)`). Owning the socket makes the listener faults real: an outage closes
 * the listening port (clients get ECONNREFUSED) and destroys open connections; a blackhole accepts TCP and
 * never passes the socket on, so not even the TLS handshake answers.
 */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { FaultController, FaultState } from './faults.js';

export class FrontListener {
  private net: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<Socket>();
  private readonly byRemotePort = new Map<number, Socket>();
  private host = '127.0.0.1';
  private port = 0;
  private closed = false;
  private wasBlackhole = false;

  constructor(
    private readonly server: HttpServer,
    private readonly faults: FaultController,
  ) {
    faults.onApply((state: FaultState) => this.apply(state));
  }

  /** Starts listening (port 0 = a free one) and returns the bound port. */
  async listen(host: string, port: number): Promise<number> {
    this.host = host;
    this.port = port;
    await this.open();
    return this.port;
  }

  /** The raw TCP socket behind a request's (TLS) socket, found by the client's port; for connection resets. */
  rawSocketOf(remotePort: number | undefined): Socket | undefined {
    return remotePort === undefined ? undefined : this.byRemotePort.get(remotePort);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.shut();
  }

  private async apply(state: FaultState): Promise<void> {
    if (this.closed) return;
    if (state.blackhole && !this.wasBlackhole) this.destroyAll(this.sockets);
    if (!state.blackhole) this.destroyAll(this.held);
    this.wasBlackhole = state.blackhole;
    if (state.outage && this.net) await this.shut();
    else if (!state.outage && !this.net) await this.open();
  }

  private open(): Promise<void> {
    const net = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.net = net;
    return new Promise((resolve, reject) => {
      net.once('error', reject);
      net.listen(this.port, this.host, () => {
        net.off('error', reject);
        const address = net.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  private async shut(): Promise<void> {
    const net = this.net;
    this.net = null;
    this.destroyAll(this.sockets);
    this.destroyAll(this.held);
    if (net) await new Promise<void>((resolve) => net.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.faults.get().blackhole) {
      this.held.add(socket);
      socket.on('close', () => this.held.delete(socket));
      return;
    }
    const remotePort = socket.remotePort;
    this.sockets.add(socket);
    if (remotePort !== undefined) this.byRemotePort.set(remotePort, socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (remotePort !== undefined && this.byRemotePort.get(remotePort) === socket)
        this.byRemotePort.delete(remotePort);
    });
    this.server.emit('connection', socket);
  }

  private destroyAll(set: Set<Socket>): void {
    for (const socket of set) socket.destroy();
    set.clear();
  }
}
