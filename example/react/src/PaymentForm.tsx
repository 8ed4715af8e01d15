import { useEffect, useState } from 'react';

interface Props {
  publicKey: string;
  cart: { total: number; currency: string; locale: string };
  onSource: (sourceId: string) => void;
}

export function PaymentForm({ publicKey, cart, onSource }: Props) {
  const [digitalRiver, setDigitalRiver] = useState<any>(null);

  useEffect(() => {
    setDigitalRiver(new (window as any).DigitalRiver(publicKey, { locale: cart.locale }));
  }, [publicKey, cart.locale]);

  async function payWithKlarna() {
    const result = await digitalRiver.createSource({
      type: 'klarnaCredit',
      amount: cart.total,
      currency: cart.currency,
      klarnaCredit: {
        returnUrl: `${window.location.origin}/checkout/return`,
        cancelUrl: `${window.location.origin}/checkout/cancel`,
        locale: cart.locale,
        shippingAmount: 0,
      },
    });
    if (result.source) onSource(result.source.id);
  }

  return <button onClick={payWithKlarna}>Pay with Klarna</button>;
}
