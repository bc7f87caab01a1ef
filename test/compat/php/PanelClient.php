<?php
// A panel client written the way the widely used PHP `Api` class of SMM panels works (our own
// code): every call is a curl POST of a form with `key` and `action`, every field sent, redirects
// followed, the JSON answer decoded into objects. `$multipart` sends the fields as an array
// (CURLOPT_POSTFIELDS array → multipart/form-data), as some clients do.
class PanelClient
{
    public function __construct(
        private string $url,
        private string $key,
        private bool $multipart = false,
    ) {
    }

    public function services() { return $this->call(['action' => 'services']); }
    public function balance() { return $this->call(['action' => 'balance']); }
    public function order(array $fields) { return $this->call(['action' => 'add'] + $fields); }
    public function status($order) { return $this->call(['action' => 'status', 'order' => $order]); }
    public function multiStatus(array $orders)
    {
        return $this->call(['action' => 'status', 'orders' => implode(',', $orders)]);
    }
    public function refill($order) { return $this->call(['action' => 'refill', 'order' => $order]); }
    public function multiRefill(array $orders)
    {
        return $this->call(['action' => 'refill', 'orders' => implode(',', $orders)]);
    }
    public function refillStatus($refill)
    {
        return $this->call(['action' => 'refill_status', 'refill' => $refill]);
    }
    public function cancel(array $orders)
    {
        return $this->call(['action' => 'cancel', 'orders' => implode(',', $orders)]);
    }

    private function call(array $fields)
    {
        $fields = ['key' => $this->key] + $fields;
        $handle = curl_init($this->url);
        curl_setopt_array($handle, [
            CURLOPT_POST => true,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => true,
            CURLOPT_HEADER => false,
            CURLOPT_TIMEOUT => 20,
            CURLOPT_USERAGENT => 'Mozilla/4.0 (compatible; MSIE 5.01; Windows NT 5.0)',
            CURLOPT_POSTFIELDS => $this->multipart ? $fields : $this->form($fields),
        ]);
        $body = curl_exec($handle);
        $status = curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        if ($body === false) {
            $error = curl_error($handle);
            curl_close($handle);
            throw new RuntimeException("curl: $error");
        }
        curl_close($handle);
        $answer = json_decode($body);
        $keys = is_object($answer) ? array_map('strval', array_keys(get_object_vars($answer))) : null;
        return ['http' => $status, 'answer' => $answer, 'keys' => $keys];
    }

    // name=urlencode(value) pairs joined with &, the way the classic client builds its body.
    private function form(array $fields): string
    {
        $pairs = [];
        foreach ($fields as $name => $value) {
            $pairs[] = $name . '=' . urlencode((string) $value);
        }
        return implode('&', $pairs);
    }
}

// Runs the calls given as JSON on stdin ([{"method": "order", "args": [...]}, ...]) against the URL
// and key of argv, with the multipart variant when argv[3] is "multipart", and prints every
// answer as one JSON array.
$client = new PanelClient($argv[1], $argv[2], ($argv[3] ?? 'form') === 'multipart');
$answers = [];
foreach (json_decode(file_get_contents('php://stdin'), true) as $call) {
    $answers[] = $client->{$call['method']}(...$call['args']);
}
echo json_encode($answers);
