import { startDemo } from './demo.ts';

/** `npm start`: the demo on consecutive ports from FRAMEPORT_PORT (default 5170). */
const first = Number(process.env.FRAMEPORT_PORT ?? 5170);
let demo: Awaited<ReturnType<typeof startDemo>>;
try {
  demo = await startDemo(first);
} catch (error) {
  console.error(`Could not start the demo on ports from ${first}: ${(error as Error).message}`);
  console.error('Pick other ports, e.g. FRAMEPORT_PORT=6170 npm start');
  process.exit(1);
}

console.log('frameport demo is running:');
console.log(`  shop               ${demo.sites.shop}/demo/shop/   <- open this one`);
console.log(`  payment widget     ${demo.sites.pay}/demo/pay/`);
console.log(`  chat widget        ${demo.sites.chat}/demo/chat/`);
console.log(`  identity provider  ${demo.sites.idp}/.well-known/openid-configuration  (sends COOP)`);
console.log(`  hostile promo      ${demo.sites.promo}/demo/promo/`);
console.log(`  contacts widget    ${demo.sites.contacts}/demo/contacts/`);
console.log(`  game widget        ${demo.sites.game}/demo/game/`);
console.log('Ctrl-C stops.');

const stop = async (): Promise<void> => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
