/** Typed messages between the extension's parts (@webext-core/messaging); shapes and checks in lib/protocol.ts. */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;
