import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  close(): Promise<void>;
}

/** Starts the embedded MQTT 3.1.1 broker (Aedes). A taken port is a one-line error that names the setting. */
export async function startEmbeddedBroker(port: number): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      aedes.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `MQTT port ${port} is already in use (another broker?): set MQTT_PORT to a free port, or MQTT_URL to use that broker`,
            )
          : err,
      );
    });
    server.listen(port, '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://127.0.0.1:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Aedes disconnects its clients first, so the server's close is not left waiting on them.
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
