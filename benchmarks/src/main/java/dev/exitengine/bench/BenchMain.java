package dev.exitengine.bench;

/**
 * The benchmarks jar's entry point: with {@code --out} (or {@code --section}) it runs the profile of
 * {@link QuickProfile}; otherwise it hands every argument to JMH ({@code -l} lists the benchmarks,
 * {@code -h} the options), so {@code java -jar benchmarks.jar} stays an ordinary JMH jar.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        for (final String a : args)
        {
            if ("--out".equals(a) || "--section".equals(a) || "--help".equals(a))
            {
                QuickProfile.main(args);
                return;
            }
        }
        org.openjdk.jmh.Main.main(args);
    }
}
