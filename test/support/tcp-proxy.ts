import net from "node:net";

/**
 * A TCP forwarder in front of the test cluster, so a test can stop the database as the application
 * sees it (`stop`: open connections dropped, new ones refused) and start it again, without stopping
 * the cluster every other suite is using.
 */
export async function tcpProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
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
  };
}
