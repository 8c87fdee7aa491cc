package dev.exitengine.bench.jmh;

/**
 * The JVM flags every benchmark fork gets (JMH forks do not read the jar's manifest): what Chronicle
 * and Agrona need on JDK 17+, as the root pom's {@code chronicle.jvm.flags}. On JDK 24 and later add
 * {@code -jvmArgsAppend "--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"}.
 */
public final class JmhFlags
{
    public static final String MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String JAVAC = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    public static final String REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String NIO_CH_OPEN = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    public static final String NO_DISK_MONITOR = "-Dchronicle.disk.monitor.disable=true";

    private JmhFlags()
    {
    }
}
