import { parentPort, workerData } from 'node:worker_threads';
import { messageReader, type MessageToRead } from '../messages/read-message.js';

// A worker thread of the analysis pool: reads the messages of each task it is sent and answers
// with their readings, so a large batch's analysis never holds the server's event loop.

const { timeZone } = workerData as { timeZone: string };
const read = messageReader(timeZone);
// The model and the engine's tables load now, not with the first task.
read({
  direction: 'incoming',
  text: 'Warming up: WHERE is my refund?!',
  sentAt: new Date(0).toISOString(),
});

// One task at a time: the pool sends the next only after this one is answered.
parentPort?.on('message', (task: { messages: MessageToRead[] }) => {
  try {
    parentPort?.postMessage({ readings: task.messages.map(read) });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
