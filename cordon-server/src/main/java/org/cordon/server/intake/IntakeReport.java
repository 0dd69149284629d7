package org.cordon.server.intake;

import java.util.List;

/**
 * The outcome of one bulk upload. {@code lines} counts the data rows read; each is {@code accepted}
 * (stored now), a {@code duplicate} (an identical row was already stored) or {@code rejected} (listed
 * in {@code errors}, up to the configured cap; {@code errorsTruncated} says whether more were left
 * out). {@code stored} says whether the upload was committed: false when a strict upload had bad rows,
 * in which case nothing of it is stored and {@code accepted} counts the rows that would have been.
 */
public record IntakeReport(String kind, long lines, long accepted, long duplicates, long rejected,
    List<RowError> errors, boolean errorsTruncated, boolean stored) {
}
