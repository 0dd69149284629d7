package org.cordon.server.testing;

/**
 * Published inside the transaction that stored a new campaign; after its commit the campaign's round is
 * built in the background ({@link RoundSnapshots#warm}), so the first sample of a city's round does not
 * wait for every targeted person to be read (7-11 s at 5,000,000).
 */
record CampaignCreated(CampaignView campaign) {
}
