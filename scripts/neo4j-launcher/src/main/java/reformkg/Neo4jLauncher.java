package reformkg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs the Neo4j DBMS (Community, from the Maven Central jars) with Bolt on
 * 127.0.0.1 and authentication on, until the process is stopped.
 *
 * Usage: Neo4jLauncher DATA_DIR PORT PASSWORD
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Neo4jLauncher DATA_DIR PORT PASSWORD");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));

        // Embedded access bypasses Bolt authentication, so the initial password
        // can be set here; CHANGE NOT REQUIRED lets drivers use it at once.
        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            String escaped = password.replace("\\", "\\\\").replace("'", "\\'");
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD '" + escaped + "' CHANGE NOT REQUIRED");
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("cannot be the same")) {
                // restarted on an existing data folder with the same password: nothing to do
                System.out.println("reformkg-neo4j: password unchanged");
            } else {
                System.err.println("reformkg-neo4j: cannot set the password: " + message);
                dbms.shutdown();
                System.exit(2);
            }
        }

        System.out.println("reformkg-neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
