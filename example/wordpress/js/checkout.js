/* global jQuery, DigitalRiver, drCheckout */
(function ($) {
  'use strict';

  var digitalriver = new DigitalRiver(drCheckout.publicKey, { locale: drCheckout.locale });
  var cardNumber = digitalriver.createElement('cardnumber', { classes: { base: 'dr-input' } });
  cardNumber.mount('card-number');

  function sendToBackend(source) {
    return $.post(drCheckout.ajaxUrl, { action: 'dr_attach_source', sourceId: source.id });
  }

  $('#pay-by-card').on('click', function () {
    var payload = {
      "type": "creditCard",
      "owner": drCheckout.billingAddress,
      "amount": drCheckout.cart.total,
      "currency": drCheckout.cart.currency
    };
    digitalriver.createSource(cardNumber, payload).then(function (result) {
      if (result.error) {
        $('#card-errors').text(result.error.errors[0].message);
      } else {
        sendToBackend(result.source);
      }
    });
  });

  $('#pay-by-paypal').on('click', function () {
    if (drCheckout.cart.total > 0) {
      var paypalPayload = {
        "type": "payPal",
        "amount": drCheckout.cart.total,
        "currency": drCheckout.cart.currency,
        "payPal": {
          "returnUrl": drCheckout.returnUrl,
          "cancelUrl": drCheckout.cancelUrl
        }
      };
    }
    paypalPayload.payPal.items = drCheckout.cart.items;
    paypalPayload.payPal.taxAmount = drCheckout.cart.tax;
    paypalPayload.payPal.requestShipping = false;
    digitalriver.createSource(paypalPayload).then(function (result) {
      if (result.source) {
        window.location.href = result.source.redirect.redirectUrl;
      }
    });
  });
})(jQuery);
