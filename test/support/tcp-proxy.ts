import net from "node:net";

/**
 * A TCP forwarder in front of the test cluster, so a test can stop the database as the application
 * sees it (`stop`: open connections dropped, new ones refused) and start it again, or freeze it
 * (`pause`: bytes held in both directions, sockets left open, as from a server stopped with SIGSTOP)
 * and thaw it, without touching the cluster every other suite is using.
 */
export async function tcpProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  /** While paused: what would have been forwarded, in order, delivered on `resume`. */
  let held: (() => void)[] | undefined;
  const deliver = (send: () => void) => (held ? held.push(send) : send());
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on("data", (chunk) => deliver(() => to.write(chunk)));
    // A frozen server only reads its client's goodbye once it runs again.
    from.on("end", () => deliver(() => to.end()));
  };
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      track(client);
      track(upstream);
      forward(client, upstream);
      forward(upstream, client);
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  const url = new URL(targetUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    /** The database has gone, as far as the application can tell. */
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server!.close(resolve));
    },
    /** Back on the same port. */
    start: listen,
    /** The database is frozen: connections stay open, nothing arrives either way. */
    pause() {
      held ??= [];
    },
    /** Thawed: what was held arrives, in the order it was sent. */
    resume() {
      const sends = held ?? [];
      held = undefined;
      for (const send of sends) send();
    },
  };
}
