define(['jquery', 'Magento_Checkout/js/model/quote'], function ($, quote) {
    'use strict';

    var drjs = new window.DigitalRiver(window.checkoutConfig.digitalRiver.publicKey, {
        locale: window.checkoutConfig.digitalRiver.locale
    });

    var base = {
        owner: {
            firstName: quote.billingAddress().firstname,
            lastName: quote.billingAddress().lastname,
            email: quote.guestEmail
        }
    };

    return {
        createDirectDebit: function () {
            var sourceData = Object.assign({}, base, {
                type: 'directDebit',
                amount: quote.totals().grand_total,
                currency: quote.totals().quote_currency_code,
                directDebit: { returnUrl: window.checkoutConfig.digitalRiver.returnUrl }
            });
            return drjs.createSource(sourceData);
        },

        createWireTransfer: function () {
            var args = [];
            args.push({
                type: 'wireTransfer',
                amount: quote.totals().grand_total,
                currency: quote.totals().quote_currency_code,
                owner: base.owner,
                wireTransfer: {}
            });
            return drjs.createSource.apply(drjs, args);
        }
    };
});
