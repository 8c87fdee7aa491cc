package dev.exitengine.tools;

/** How a reporting command writes its rows: {@code --format table|jsonl|csv}. */
public enum OutputFormat
{
    /** Aligned columns for a person to read. */
    TABLE,
    /** One JSON object a line, in the shapes of SPEC.md's appendix where they exist. */
    JSONL,
    /** Comma-separated values with a header line. */
    CSV
}
