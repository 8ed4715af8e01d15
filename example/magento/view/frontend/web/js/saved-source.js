define(['jquery'], function ($) {
    'use strict';

    var drjs = new window.DigitalRiver(window.checkoutConfig.digitalRiver.publicKey);

    return function reuseSource(url) {
        return $.getJSON(url).then(function (response) {
            return drjs.createSource(response.sourceData);
        });
    };
});
