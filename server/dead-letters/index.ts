export { deadLetterRoutes } from './dead-letter-routes';
export { createDeadLetterStore, PREVIEW_BYTES, type DeadLetterPage, type DeadLetterStore } from './dead-letter-store';
