// Server side: the Digital River REST client also calls its method createSource. Not DigitalRiver.js.
const { DigitalRiverClient } = require('./digital-river-client');

const digitalRiver = new DigitalRiverClient({ apiKey: process.env.DR_SECRET_KEY });

async function createOrder(checkoutId, sourceId) {
  await digitalRiver.createSource({ settings: { timeout: 5000 }, payload: { checkoutId, sourceId } });
  return digitalRiver.post('/orders', { checkoutId });
}

module.exports = { createOrder };
