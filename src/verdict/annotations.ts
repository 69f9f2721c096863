/** Names the fixtures write and the reporters read back: one spelling for both sides. */

/** A SHOULD of the contract that did not hold (also an Allure label and tag of this name). */
export const WARNING = 'warning';

/** A version the platform reported, e.g. "backend 1.0.0" (contract sections 2 and 3). */
export const PLATFORM_VERSION = 'platform-version';

/** A writing test the worker refused on read-only production (the skip's annotation type). */
export const PRODUCTION_READ_ONLY = 'production-read-only';
