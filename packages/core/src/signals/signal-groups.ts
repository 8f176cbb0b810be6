/*
 * The signal groups, kept as their own entry point (`@calmdesk/core/signal-groups`) for the
 * web app's older imports; the groups themselves are in the signal catalogue.
 */
export { SIGNAL_GROUPS, signalGroup, type SignalGroup } from './signal-catalogue.js';
