package reformkg;

import java.nio.file.Files;
import java.nio.file.Path;

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
 * Usage: REFORMKG_NEO4J_PASSWORD=… Neo4jLauncher DATA_DIR PORT [CONF]
 *
 * The password comes from the environment, never the command line: argv is
 * world-readable (ps, /proc) and Neo4j writes it into debug.log.
 * CONF is a neo4j.conf-style file of further settings (memory, transaction
 * state, timeouts); the connector, authentication and file-access settings
 * here win.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        String password = System.getenv("REFORMKG_NEO4J_PASSWORD");
        if ((args.length != 2 && args.length != 3) || password == null || password.isEmpty()) {
            System.err.println("usage: REFORMKG_NEO4J_PASSWORD=... Neo4jLauncher DATA_DIR PORT [CONF]");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        // LOAD CSV may only read this empty folder, and never file:/// URLs
        Path importDir = home.resolve("import-empty");
        Files.createDirectories(importDir);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        DatabaseManagementService dbms;
        try {
            if (args.length == 3) {
                builder.loadPropertiesFromFile(Path.of(args[2]));
            }
            dbms = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .build();
        } catch (IllegalArgumentException e) {
            // a bad value or an unknown name in CONF: say which, without a stack trace
            String message = String.valueOf(e.getMessage());
            String cause = e.getCause() == null || message.contains(String.valueOf(e.getCause().getMessage()))
                    ? "" : " (" + e.getCause().getMessage() + ")";
            System.err.println("reformkg-neo4j: cannot start: " + message + cause);
            System.exit(2);
            return;
        }
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
