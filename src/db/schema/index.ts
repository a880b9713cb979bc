export * from './contacts.js';
export * from './conversation-events.js';
export * from './messages.js';
export * from './reports.js';
export * from './sessions.js';
