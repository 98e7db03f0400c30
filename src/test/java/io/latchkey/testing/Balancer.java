package io.latchkey.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A load balancer as plain as they come, for the cluster test: it forwards every TCP connection on
 * 127.0.0.1 to the instance chosen last ({@link #sendTo}), with no stickiness and no knowledge of
 * HTTP or cookies. Choosing another instance closes the connections open so far, so that the next
 * request of every client reaches the new one.
 */
public final class Balancer implements AutoCloseable {

  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile int target;

  private Balancer(ServerSocket listener) {
    this.listener = listener;
  }

  public static Balancer start() {
    try {
      Balancer balancer = new Balancer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      balancer.threads.execute(balancer::accept);
      return balancer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** From now on every connection goes to the instance on this port. */
  public void sendTo(int port) {
    target = port;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> forward(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    try (client;
        Socket server = new Socket()) {
      server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
      open.add(client);
      open.add(server);
      threads.execute(() -> copy(client, server));
      copy(server, client);
    } catch (IOException refused) {
      // The instance is down: the client sees its connection closed, as behind a real balancer
      // whose health check has not noticed yet.
    } finally {
      open.remove(client);
    }
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException closed) {
      // One side went away; the other is closed below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
    open.forEach(Balancer::closeQuietly);
    threads.shutdownNow();
  }
}
