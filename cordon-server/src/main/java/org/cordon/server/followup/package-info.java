/**
 * What happens after a case is confirmed: a follow-up task (随访/管控任务) for every traced contact
 * living in this deployment's jurisdiction, assigned to the community of the contact's home division,
 * worked through open → contacted → isolated → closed; and an assist request (协查) for every contact
 * living outside it, exported as a file for the instance responsible there, which imports it and
 * creates its own tasks. Tasks and requests are written in the transaction that stores the contact list
 * ({@code CaseTraced} from {@code org.cordon.server.tracing}).
 */
package org.cordon.server.followup;
