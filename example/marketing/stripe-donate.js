// The donation widget still uses Stripe.js; its createSource must never change.
var stripe = Stripe('pk_test_TYooMQauvdEDq54NiTphI7jx');
var card = stripe.elements().create('card');

document.getElementById('donate').addEventListener('click', function () {
  stripe.createSource(card, { type: 'card', amount: 1099, currency: 'usd', owner: { name: 'Jenny Rosen' } });
});
