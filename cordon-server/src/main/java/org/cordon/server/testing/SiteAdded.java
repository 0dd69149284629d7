package org.cordon.server.testing;

/**
 * Published inside the transaction that stored a new sampling site. A round knows the sites present
 * when it was built, so after the commit every round is rebuilt in the background ({@link
 * RoundSnapshots#siteAdded}) rather than by the first registration at the new site.
 */
record SiteAdded(String siteId) {
}
