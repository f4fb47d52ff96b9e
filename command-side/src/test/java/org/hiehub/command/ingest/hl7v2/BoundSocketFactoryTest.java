package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundSocketFactoryTest {

    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final List<Socket> clients = new CopyOnWriteArrayList<>();
    ServerSocket server;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : clients) {
            socket.close();
        }
        for (Socket socket : accepted) {
            socket.close();
        }
        server.close();
    }

    @Test
    void a_connection_over_the_cap_is_closed_at_once_and_a_freed_place_is_taken_again() throws Exception {
        server = new BoundSocketFactory(InetAddress.getLoopbackAddress(), 60_000, null, false, 2)
                .createServerSocket();
        server.bind(new InetSocketAddress(0));
        Thread acceptor = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept()); // what HAPI's acceptor loop does
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        connect();
        connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 2);
        Socket third = connect();
        third.setSoTimeout(5_000);

        assertThat(third.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
        assertThat(accepted).hasSize(2);

        accepted.get(0).close(); // as HAPI does when a sender goes away
        connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 3);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        clients.add(socket);
        return socket;
    }
}
