export * from './contacts.js';
export * from './messages.js';
