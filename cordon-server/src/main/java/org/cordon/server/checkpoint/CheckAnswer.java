package org.cordon.server.checkpoint;

/**
 * The answer to a check: let the person in or not, and why, in words a guard can act on. It names no
 * case, contact or test: the venue learns the colour and the rule that stops the person, nothing else.
 *
 * @param allowed whether to let the person in
 * @param reason {@code green}, {@code red_code}, {@code yellow_code}, {@code fever}, {@code no_mask} or
 *     {@code no_negative_test}
 * @param colour the current (online) colour, which wins over the colour in the token
 * @param tokenColour the colour the token was issued with
 */
public record CheckAnswer(boolean allowed, String reason, String messageZh, String messageEn,
    String colour, String tokenColour, String checkedAt) {
}
